export { looksLikeTerraformPlan } from './plan-json.js';
export { type ReadTerraformPlanOptions, readTerraformPlan } from './read-terraform-plan.js';
