import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { toErrorBody } from "./error-body.js";

export function errorMiddleware(logger: Logger, exposeInternal: boolean): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, body } = toErrorBody(err, { exposeInternal });
    if (status >= 500) logger.error({ err, method: req.method, url: req.originalUrl }, "request failed");
    res.status(status).json(body);
  };
}

export const unknownRoute: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: "NOT_FOUND", message: `No route for ${req.method} ${req.path}.` } });
};
