import { type App, actorOf } from '../../server/types.js';
import { PreviewInput, ScorecardPreview } from './contracts-preview.js';
import { previewScorecard } from './preview.js';

/** POST /api/v1/scorecards/preview: how the portfolio's scores would change if a draft scorecard were saved. */
export async function healthPreviewRoutes(app: App): Promise<void> {
  const { database } = app.deps;
  app.post(
    '/api/v1/scorecards/preview',
    // Managers write scorecards, so they preview them; the draft may name any KPI of the workspace.
    { config: { access: 'manager' }, schema: { tags: ['Health'], body: PreviewInput, response: { 200: ScorecardPreview } } },
    async (req) => previewScorecard(database, actorOf(req), req.body),
  );
}
