import { can, type Permission } from "@switchboard/shared";
import type { RequestHandler } from "express";
import { AppError } from "./app-error.js";

/**
 * Route-level gate from the permission matrix. Ownership ("own teams") is checked
 * by the service, which knows the target.
 */
export function requirePermission(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    const member = req.member;
    if (!member || !can(member, permission)) {
      throw new AppError("FORBIDDEN", `Your role does not allow ${permission}.`);
    }
    next();
  };
}
