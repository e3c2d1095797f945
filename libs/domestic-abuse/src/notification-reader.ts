import type { EntityManager } from 'typeorm';
import { DomainError } from '@app/core';
import type { NotificationDetailsDto, NotificationViewDto } from './dto/notification-view.dto';

export interface NotificationRow {
  id: string;
  force_agency_id: string;
  police_reference: string;
  // childNamesOf: the reported children's names
  child_names: string | null;
  request_hash: string;
  status: string;
  received_at: Date;
  incident_at: Date;
  submission_delay_minutes: number;
  triage_due_at: Date;
  risk_tool: string;
  risk_level: string;
  dash_score: number | null;
  suggested_outcome: 'INFORMATION_ONLY' | 'CONTACT' | 'URGENT_CONTACT';
  suggested_marac: boolean;
  suggestion_reasons: string[];
  marac_reasons: string[];
  marac: boolean;
  triage_outcome: string | null;
  triage_rationale: string | null;
  triaged_at: Date | null;
  triaged_within_timescale: boolean | null;
  household_id: string;
  officer: { name: string; collarNumber?: string };
  summary: string;
  victim: Record<string, unknown>;
  perpetrator: Record<string, unknown>;
  relationship: string;
  injuries: boolean;
  weapon_used: boolean;
  substance_misuse: boolean | null;
}

// the children a notification names, as the police reported them, "First Last" with ", "
// between them in the order sent: a scalar subquery on the notification aliased `notification`
export function childNamesOf(notification: string): string {
  return `(select string_agg((dc.reported->>'firstName') || ' ' || (dc.reported->>'lastName'), ', ' order by dc.position)
            from da_notification_child dc where dc.notification_id = ${notification}.id)`;
}

export async function findNotification(
  manager: EntityManager,
  id: string,
  lock = false,
): Promise<NotificationRow> {
  const [row] = (await manager.query(
    `select n.*, ${childNamesOf('n')} as child_names from da_notification n where n.id = $1 ${lock ? 'for update' : ''}`,
    [id],
  )) as NotificationRow[] | [];
  if (!row) throw DomainError.notFound('notification');
  return row;
}

// police see their own force's notifications, what they sent and the triage status, never the
// contacts made from them, the children's records nor the social worker's rationale; MACH
// staff see everything. One query per
// part for all the rows, however many.
export async function notificationViews(
  manager: EntityManager,
  rows: NotificationRow[],
  audience: 'police' | 'staff',
): Promise<NotificationViewDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const encompass = (await manager.query(
    `select e.notification_id, e.id, e.school, e.due_at, e.status, e.sent_at,
            dc.reported->>'firstName' as first_name, dc.reported->>'lastName' as last_name
       from encompass_notification e
       join da_notification_child dc on dc.notification_id = e.notification_id and dc.child_id = e.child_id
      where e.notification_id = any($1) order by dc.position`,
    [ids],
  )) as {
    notification_id: string;
    id: string;
    school: string | null;
    due_at: Date;
    status: string;
    sent_at: Date | null;
    first_name: string;
    last_name: string;
  }[];
  const staff = audience === 'staff';
  const children = (await manager.query(
    `select dc.notification_id, dc.reported, c.id as contact_id, dc.child_id, c.rag
       from da_notification_child dc left join contact c on c.id = dc.contact_id
      where dc.notification_id = any($1) order by dc.position`,
    [ids],
  )) as {
    notification_id: string;
    reported: Record<string, unknown>;
    contact_id: string | null;
    child_id: string;
    rag: string;
  }[];
  return rows.map((row) => {
    const view: NotificationViewDto = {
      id: row.id,
      policeReference: row.police_reference,
      childName: row.child_names ?? '',
      status: row.status,
      receivedAt: row.received_at.toISOString(),
      incidentAt: row.incident_at.toISOString(),
      submissionDelayMinutes: row.submission_delay_minutes,
      triageDueAt: row.triage_due_at.toISOString(),
      riskTool: row.risk_tool,
      riskLevel: row.risk_level,
      ...(row.dash_score !== null ? { dashScore: row.dash_score } : {}),
      suggestion: {
        outcome: row.suggested_outcome,
        marac: row.suggested_marac,
        reasons: row.suggestion_reasons,
        maracReasons: row.marac_reasons,
      },
      marac: row.marac,
      encompass: encompass
        .filter((e) => e.notification_id === row.id)
        .map((e) => ({
          id: e.id,
          childName: `${e.first_name} ${e.last_name}`,
          school: e.school,
          dueAt: new Date(e.due_at).toISOString(),
          status: e.status,
          ...(e.sent_at ? { sentAt: new Date(e.sent_at).toISOString() } : {}),
        })),
    };
    if (row.triage_outcome && row.triaged_at) {
      view.triage = {
        outcome: row.triage_outcome,
        triagedAt: row.triaged_at.toISOString(),
        ...(staff
          ? {
              rationale: row.triage_rationale ?? undefined,
              withinTimescale: row.triaged_within_timescale ?? undefined,
            }
          : {}),
      };
    }
    const mine = children.filter((c) => c.notification_id === row.id);
    if (staff) {
      view.contacts = mine
        .filter((c) => c.contact_id)
        .map((c) => ({ id: c.contact_id as string, childId: c.child_id, rag: c.rag }));
    }
    // what was sent, back to the force that sent it and to MACH staff; only staff learn which
    // child's record each child was matched to. The jsonb columns hold what
    // SubmitNotificationDto validated on the way in
    view.details = {
      victim: row.victim,
      perpetrator: row.perpetrator,
      relationship: row.relationship,
      children: mine.map((c) => (staff ? { ...c.reported, childId: c.child_id } : c.reported)),
      injuries: row.injuries,
      weaponUsed: row.weapon_used,
      ...(row.substance_misuse !== null ? { substanceMisuse: row.substance_misuse } : {}),
      summary: row.summary,
      officer: row.officer,
    } as unknown as NotificationDetailsDto;
    return view;
  });
}

export async function notificationView(
  manager: EntityManager,
  row: NotificationRow,
  audience: 'police' | 'staff',
): Promise<NotificationViewDto> {
  const [view] = await notificationViews(manager, [row], audience);
  return view;
}
