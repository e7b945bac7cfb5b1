import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { AppError } from "./app-error.js";
import { toErrorBody } from "./error-body.js";

export function errorMiddleware(logger: Logger, exposeInternal: boolean): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, body } = toErrorBody(err, { exposeInternal });
    // While the watchdog holds the database for down it has logged the outage once; driver errors (with their addresses) are logged here.
    const refusedWhileDown = err instanceof AppError && err.code === "DB_UNAVAILABLE";
    if (status >= 500 && !refusedWhileDown) logger.error({ err, method: req.method, url: req.originalUrl }, "request failed");
    res.status(status).json(body);
  };
}

export const unknownRoute: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: "NOT_FOUND", message: `No route for ${req.method} ${req.path}.` } });
};
