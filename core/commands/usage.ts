// One usage line per command word, for error messages and help.
import type { HelpTopic } from './types';

export const USAGE: Record<HelpTopic, string> = {
  help: 'help [command]',
  status: 'status [PROJECT] [rag=red|amber|green] [schedule=..] [scope=..] [cost=..] [summary=".."] [done=".."] [next=".."] [blockers=".."]',
  risk: 'risk [title] [p=1-5] [i=1-5] [owner=@user] [due=DATE] [project=KEY] [response=..] [mitigation=".."] [review=DATE]',
  issue: 'issue [title] [priority=low|medium|high|critical] [type=problem|request_for_change|off_specification] [owner=@user] [due=DATE] [project=KEY]',
  change: 'change [title] [impact=".."] [owner=@user] [due=DATE] [project=KEY]',
  decision: 'decision [title] [outcome=".."] [rationale=".."] [by=@user] [on=DATE] [items=R-3,I-2] [project=KEY]',
  action: 'action [title] [owner=@user] [due=DATE] [item=KEY] [project=KEY]',
  list: 'list risks|issues|changes|decisions|actions [mine] [overdue] [project=KEY]',
  show: 'show KEY (e.g. show R-12)',
  update: 'update KEY field=value ... (e.g. update R-12 p=4 due="next friday")',
  close: 'close KEY [resolution text]',
  escalate: 'escalate R-n|I-n',
  project: 'project add KEY "Name" [program=KEY] [portfolio=KEY] [pm=@user]',
  program: 'program add KEY "Name" [portfolio=KEY]',
  portfolio: 'portfolio add KEY "Name"',
  link: 'link PROJECT, or link exec PORTFOLIO',
  role: 'role @user member|pm|pmo_admin|executive',
  settings: 'settings [timezone=Area/City] [digest="Mon 09:30"] [reminders="Mon 09:00"] [nudge="Thu 10:00"] [policy=supportive|controlling|directive]',
  digest: 'digest [PORTFOLIO]',
  reminders: 'reminders',
  export: 'export risks|issues|changes|decisions|actions|status [project=KEY]',
  cancel: 'cancel',
};
