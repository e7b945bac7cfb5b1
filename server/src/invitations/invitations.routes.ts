import {
  checkInvite,
  CSV_IMPORT_LIMITS,
  csvImportFieldsSchema,
  csvImportQuerySchema,
  importProgressIdSchema,
  invitationListQuerySchema,
  invitationPatchSchema,
  inviteBodySchema,
  objectIdSchema,
  type CsvImportFields,
} from "@switchboard/shared";
import { Router, type RequestHandler } from "express";
import multer from "multer";
import type { AppDeps } from "../app-deps.js";
import { AppError, refuseIf } from "../http/app-error.js";
import { requireMember, type MemberContext } from "../http/request-context.js";
import { requirePermission } from "../http/require-permission.js";
import { assertTeamsExist, loadWorkspaceTeams } from "../members/workspace-teams.js";
import { parseInviteCsv } from "./csv-import.js";
import { readImportProgress, trackImportProgress } from "./import-progress.js";
import { inviteRows } from "./invitations.service.js";
import { cancelInvitation, listInvitations, resendInvitation, updateInvitation } from "./pending-invitations.service.js";

const MB = 1024 * 1024;

/** multer with its errors turned into our error codes (a 12 MB file is a 413 with a readable message). */
const csvUpload: RequestHandler = (req, res, next) => {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: CSV_IMPORT_LIMITS.maxBytes, files: 1, fields: 50, fieldSize: 64 * 1024 },
  }).single("file");
  upload(req, res, (err: unknown) => {
    if (!err) return next();
    if (err instanceof multer.MulterError) {
      if (err.code === "LIMIT_FILE_SIZE") {
        return next(new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${CSV_IMPORT_LIMITS.maxBytes / MB} MB; split it into smaller files.`));
      }
      return next(new AppError("VALIDATION_FAILED", err.message, { issues: [{ path: err.field ?? "file", message: err.message }] }));
    }
    next(err);
  });
};

/** The file-wide roles/teams must be grantable as a whole: asking beyond one's reach is a 403, not a per-row report. */
async function checkFileWideChoice(member: MemberContext, fields: CsvImportFields) {
  if (fields.teams) await assertTeamsExist(member.workspaceId, fields.teams);
  refuseIf(checkInvite(member, fields.roles ?? [], fields.teams ?? []));
}

export function invitationsRouter(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  router.use(requirePermission("members.invite"));

  router.get("/", async (req, res) => {
    const paging = invitationListQuerySchema.parse(req.query);
    res.json(await listInvitations(deps, requireMember(req), paging));
  });

  router.post("/", async (req, res) => {
    const member = requireMember(req);
    const body = inviteBodySchema.parse(req.body);
    await checkFileWideChoice(member, body);
    const rowTeams = body.invitees.flatMap((invitee) => invitee.teams ?? []);
    if (rowTeams.length > 0) await assertTeamsExist(member.workspaceId, [...new Set(rowTeams)]);
    // The schema made sure each row has roles and teams, its own or the batch's; a row's own are checked per row (§5).
    const rows = body.invitees.map((invitee, row) => ({ row, ...invitee, roles: invitee.roles ?? body.roles!, teams: invitee.teams ?? body.teams! }));
    res.json({ results: await inviteRows(deps, member, rows, { source: "form" }) });
  });

  // `?dryRun=true` is the preview: the same per-row report ("invited" meaning "would be invited"), nothing written or sent.
  router.post("/import", csvUpload, async (req, res) => {
    const member = requireMember(req);
    const { dryRun, progressId } = csvImportQuerySchema.parse(req.query);
    const fields = csvImportFieldsSchema.parse({ ...req.body });
    if (!req.file) throw new AppError("VALIDATION_FAILED", "file: Attach a CSV file", { issues: [{ path: "file", message: "Attach a CSV file" }] });
    await checkFileWideChoice(member, fields);
    const { rows, columns } = parseInviteCsv(req.file.buffer, fields, await loadWorkspaceTeams(member.workspaceId));
    const progress = trackImportProgress(member, progressId);
    try {
      const results = await inviteRows(deps, member, rows, { source: "csv", dryRun, onProgress: progress.update });
      progress.finish("done");
      res.json({ dryRun, results, columns });
    } catch (err) {
      progress.finish("failed");
      throw err;
    }
  });

  router.get("/import-progress/:progressId", (req, res) => {
    res.json(readImportProgress(requireMember(req), importProgressIdSchema.parse(req.params.progressId)));
  });

  router.post("/:id/resend", async (req, res) => {
    res.json(await resendInvitation(deps, requireMember(req), objectIdSchema.parse(req.params.id)));
  });

  router.patch("/:id", async (req, res) => {
    res.json(await updateInvitation(deps, requireMember(req), objectIdSchema.parse(req.params.id), invitationPatchSchema.parse(req.body)));
  });

  router.delete("/:id", async (req, res) => {
    await cancelInvitation(deps, requireMember(req), objectIdSchema.parse(req.params.id));
    res.status(204).end();
  });
  return router;
}
