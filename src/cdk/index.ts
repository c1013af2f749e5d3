/** The CDK integration, a subpath of its own (`vpcreach/cdk`) so other users never load it. */
export {
  type PolicyValidationContext,
  type PolicyValidationReport,
  type VpcreachPluginOptions,
  VpcreachValidationPlugin,
} from './validation-plugin.js';
