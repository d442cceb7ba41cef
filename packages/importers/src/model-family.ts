import { modelFamily } from "@judgelab/datasets";

export { modelFamily };

/**
 * The `producer` fields of an item written by a model: its name and, when its exact name prefix is in the family
 * table (`@judgelab/datasets` DEFAULT_MODEL_FAMILIES), its family.
 */
export function producerFields(model: string): { producer: string; producerFamily?: string } {
  const family = modelFamily(model);
  return family === undefined ? { producer: model } : { producer: model, producerFamily: family };
}
