import { z } from "zod";

export const teamNameSchema = z.string().trim().min(1, "Required").max(80);
export const teamCreateSchema = z.strictObject({ name: teamNameSchema });
