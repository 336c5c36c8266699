import { createReadStream } from 'node:fs';
import type { FastifyReply } from 'fastify';

/** A stored upload as a download route answers it: its type, its uploaded name, never cached. */
export function sendStoredFile(reply: FastifyReply, found: { file: string; fileName: string; contentType: string }): FastifyReply {
  return reply
    .type(found.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(found.fileName)}`)
    .header('cache-control', 'no-store')
    .send(createReadStream(found.file));
}
