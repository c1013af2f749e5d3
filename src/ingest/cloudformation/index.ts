export { looksLikeCloudFormation, parseTemplateText } from './parse-template.js';
export {
  type ReadCloudFormationOptions,
  readCloudFormationTemplate,
} from './read-cloudformation-template.js';
