// The table of validation rules. Adding a rule: one file in rules/, one line here, a fixture test.

import type { Rule } from "./rule";
import { circularRequiredRule } from "./rules/circularRequired";
import { duplicatesRule } from "./rules/duplicates";
import { missingEnvironmentRule, unknownEnvironmentRule } from "./rules/environments";
import { multipleGroupsRule, slotExceededRule } from "./rules/groups";
import { mutationKeysRule } from "./rules/mutationKeys";
import { invalidKeyRule } from "./rules/invalidKey";
import { operatorValueRule } from "./rules/operatorValue";
import { archivedReferenceRule, deprecatedReferenceRule } from "./rules/references";
import { requiredPropertiesRule } from "./rules/requiredProperties";
import { schemaRule } from "./rules/schema";
import { slotsSumRule, weightsSumRule } from "./rules/sums";
import { targetRule } from "./rules/targets";
import { testAssertionsRule } from "./rules/testAssertions";
import { unknownAttributeRule } from "./rules/unknownAttribute";
import { unknownFeatureRule } from "./rules/unknownFeature";
import { unknownSegmentRule } from "./rules/unknownSegment";
import { unknownTagRule } from "./rules/unknownTag";
import { unknownVariableRule } from "./rules/unknownVariable";
import { unknownVariationRule } from "./rules/unknownVariation";
import { unneededValueRule } from "./rules/unneededValue";
import { unreachableRuleRule } from "./rules/unreachableRule";
import { variableTypeRule } from "./rules/variableType";
import { versionIgnoredRule } from "./rules/versionIgnored";

/** Every rule, in the order their findings are produced. */
export const RULES: readonly Rule[] = [
  schemaRule,
  invalidKeyRule,
  duplicatesRule,
  unknownAttributeRule,
  unknownSegmentRule,
  unknownFeatureRule,
  unknownVariationRule,
  unknownVariableRule,
  unknownEnvironmentRule,
  missingEnvironmentRule,
  unknownTagRule,
  testAssertionsRule,
  targetRule,
  operatorValueRule,
  unneededValueRule,
  variableTypeRule,
  mutationKeysRule,
  requiredPropertiesRule,
  weightsSumRule,
  slotsSumRule,
  slotExceededRule,
  multipleGroupsRule,
  circularRequiredRule,
  unreachableRuleRule,
  versionIgnoredRule,
  archivedReferenceRule,
  deprecatedReferenceRule,
];
