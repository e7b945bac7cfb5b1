import type { Actor } from "@switchboard/shared";
import type { Request } from "express";
import type { Types } from "mongoose";
import { AppError } from "./app-error.js";

export interface AuthContext {
  userId: string;
  tokenHash: string;
  user: { _id: Types.ObjectId; email: string; firstName: string; lastName: string; organizationId: Types.ObjectId };
}

export interface MemberContext extends Actor {
  workspaceId: string;
  membershipId: string;
  name: string;
}

declare module "express-serve-static-core" {
  interface Request {
    auth?: AuthContext;
    member?: MemberContext;
  }
}

export function requireAuth(req: Request): AuthContext {
  if (!req.auth) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return req.auth;
}

export function requireMember(req: Request): MemberContext {
  if (!req.member) throw new AppError("FORBIDDEN", "You are not a member of this workspace.");
  return req.member;
}
