// `status [PROJECT]`: the weekly highlight report; project and overall RAG needed, the rest asked but skippable.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { date, longText, project, rag } from './form-fields';
import type { FormValues } from './form-config';
import { FormDialog } from './form.dialog';

export const STATUS_DIALOG = 'pmo.status';

const asked = { ask: true };
/** The reason and recovery date are for amber and red only (SPEC §2); the policy says whether they are required. */
const offTrack = (values: FormValues): boolean => values.rag === 'amber' || values.rag === 'red';

export const STATUS_FORM: FormConfig = {
  command: 'status',
  topic: 'status',
  title: 'Weekly status update',
  noun: 'status update',
  fields: [
    { ...project, question: 'Which project is this update for? Give its key, e.g. APOLLO.' },
    rag('rag', 'Overall RAG', 'How is the project overall?', true),
    rag('schedule', 'Schedule', 'How is the schedule?'),
    rag('scope', 'Scope', 'How is the scope?'),
    rag('cost', 'Cost/budget', 'How is the cost against budget?'),
    { ...longText('reason', 'Reason (amber/red)', 'Why is it amber or red? What went off track?', { ask: true, max: 1000 }), when: offTrack, byPolicy: true },
    { ...date('recovery', 'Recovery date (amber/red)', 'When will it be back on track?'), when: offTrack, byPolicy: true },
    { ...date('forecast', 'Forecast finish', 'When do you now expect the project to finish?'), ask: true },
    longText('summary', 'Summary', 'Sum up the week in a line or two.', { ...asked, max: 2000 }),
    longText('done', 'Done this period', 'What was done this period?', asked),
    longText('next', 'Next period', 'What is planned for the next period?', asked),
    longText('blockers', 'Blockers / help needed', 'Anything blocked, or help needed?', asked),
  ],
};

export class StatusDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(STATUS_DIALOG, STATUS_FORM, deps);
  }
}
