import { IdMap, toSlug } from '../model';
import { Located, dateOf, str, where } from './popolo-reader';
import { BatchItem } from '../model';
import { MEMBER_ROLES, Obj, Planning, REASONS, compact, curiaKey, early, groupKey, late, source, startDay } from './popolo-shared';

/**
 * Step 3, memberships: in each council its groups, its members in the order they took office (each
 * departure right after its election; a return within the period a tenure of its own), with their
 * constituency (`area` / `area_id`) and identifiers, the dates a membership leaves out taken from the
 * period (membership-dates-from-period, inferred), their affiliations over time, then its officers.
 */
export function planMemberships(p: Planning): void {
  const { doc, report, persons, contexts, groupOrgs, curiaOrgs, inPeriod } = p;
  const areas = new Map((doc.areas ?? []).map((a) => [String(a.value.id), a]));
  const areaOf = (m: Located) => areaOfWith(areas, m);

  // Groups: every party-like organization, in each council that has members sitting for it.
  const groupIds = new IdMap('group');
  for (const [id, o] of groupOrgs) groupIds.add(groupKey(o) ?? id);
  const groupIdOf = (orgId: string) => groupIds.get(groupKey(groupOrgs.get(orgId)!) ?? orgId)!;

  for (const c of contexts) {
    const memberIds = new IdMap('member');
    const memberships = doc.memberships.filter((m) => inPeriod(c, m));
    const byPerson = new Map<string, Located[]>();
    for (const m of memberships) {
      if (!MEMBER_ROLES.test(String(m.value.role ?? ''))) continue;
      const ends = dateOf(m, 'end_date');
      if (ends !== undefined && c.start !== undefined && dateOf(m, 'start_date') === undefined && late(ends) < c.start) {
        report.skips.push({ file: m.file, record: where(m), reason: 'a membership that ends before its legislative period starts, with no start: elected but never sat (no member to record)' });
        continue;
      }
      const list = byPerson.get(String(m.value.person_id)) ?? [];
      list.push(m);
      byPerson.set(String(m.value.person_id), list);
    }
    const usedGroups = new Set<string>();
    for (const list of byPerson.values()) for (const m of list) if (groupOrgs.has(String(m.value.on_behalf_of_id))) usedGroups.add(String(m.value.on_behalf_of_id));
    const partyMemberships = doc.memberships.filter((m) => groupOrgs.has(String(m.value.organization_id)) && byPerson.has(String(m.value.person_id)));
    for (const m of partyMemberships) usedGroups.add(String(m.value.organization_id));
    // With one council every group of the file is its own; with several, each gets the groups its members sat for.
    for (const orgId of [...groupOrgs.keys()].filter((g) => contexts.length === 1 || usedGroups.has(g))) {
      const o = groupOrgs.get(orgId)!;
      c.items.push({
        path: '/groups',
        label: where(o),
        body: compact({ groupId: groupIdOf(orgId), name: String(o.value.name ?? orgId), classification: str(o.value.classification), foundedOn: dateOf(o, 'founding_date'), source: source(o) }),
      });
    }

    // Members in the order they took office; each departure right after its election, so a by-election
    // finds the seat already freed.
    // A person who left and came back within the period (a minister returning to their seat: a membership
    // that ends, and a later one that starts after it) has one tenure per return: each a member of its own.
    const people = [...byPerson.entries()].flatMap(([personId, list]) => {
      const sorted = [...list].sort((a, b) => startDay(a) - startDay(b));
      const tenures: Located[][] = [[]];
      for (const m of sorted) {
        const current = tenures[tenures.length - 1];
        const before = current.length > 0 ? dateOf(current[current.length - 1], 'end_date') : undefined;
        const from = dateOf(m, 'start_date');
        if (before !== undefined && from !== undefined && early(from) > late(before)) tenures.push([m]);
        else current.push(m);
      }
      return tenures.map((t, k) => ({ personId, tenure: k, list: t, start: dateOf(t[0], 'start_date') }));
    }).sort((a, b) => (a.start ? early(a.start) : -Infinity) - (b.start ? early(b.start) : -Infinity) || (a.personId < b.personId ? -1 : 1));
    const affiliations: BatchItem[] = [];
    for (const { personId, tenure, list, start } of people) {
      const person = persons.get(personId)!;
      const memberId = memberIds.add(tenure === 0 ? personId : `${personId}-${tenure + 1}`);
      if (tenure === 0) c.members.set(personId, memberId);
      if (tenure > 0) report.notes.push(`${String(person.value.name)} left and returned within ${c.councilId}: their return is member ${memberId} (a second tenure)`);
      const name = String(person.value.name);
      const aliases = [...new Set(((person.value.other_names as Obj[] | undefined) ?? []).map((n) => str(n?.name)).filter((n): n is string => n !== undefined && n !== name))];
      const identifiers = identifiersOf(person);
      const first = list[0];
      const last = list[list.length - 1];
      const curiaOrg = [str(first.value.curia_id), str(first.value.on_behalf_of_id)].find((id) => id !== undefined && curiaOrgs.has(id));
      const electedOn = start ?? `${String(c.founding.foundedOn).replace(/[?~%]$/, '')}?`;
      if (start === undefined) report.infer('membership-dates-from-period', `member ${memberId} (${String(person.value.name)})`, `electedOn ${electedOn}`, `${where(first)} gives no start_date: the ${c.period ? 'legislative period\'s' : 'council\'s'} start`);
      // The constituency is the tenure's first membership's; a later membership of the tenure naming another is noted.
      const constituency = areaOf(first);
      const otherAreas = [...new Set(list.slice(1).map(areaOf).filter((a) => a !== undefined && (a.id ?? a.name) !== (constituency?.id ?? constituency?.name)).map((a) => a!.name ?? a!.id))];
      const notes = [
        ...(start === undefined ? [`electedOn: the membership gives no start_date; the council's founding date, inferred`] : []),
        ...(otherAreas.length > 0 ? [`later memberships of this tenure name other constituencies: ${otherAreas.join('; ')}`] : []),
        ...(str(first.value._member_note) ? [String(first.value._member_note)] : []),
      ];
      const rank = list.map((m) => m.value.rank).find((r) => typeof r === 'number');
      const votes = list.map((m) => m.value.votes).find((v) => typeof v === 'number');
      c.items.push({
        path: '/members',
        label: where(first),
        body: compact({
          memberId, name, aliases: aliases.length > 0 ? aliases : undefined, curia: curiaOrg ? curiaKey(curiaOrgs.get(curiaOrg)!) : undefined, electedOn, rank, votes,
          constituency, identifiers: identifiers.length > 0 ? identifiers : undefined,
          note: notes.length > 0 ? notes.join('\n') : undefined, source: source(person),
        }),
      });
      const end = dateOf(last, 'end_date');
      // 'left' is what the export writes when the source gave no reason.
      const endReason = str(last.value.end_reason) === 'left' ? undefined : str(last.value.end_reason);
      const departs = end !== undefined && endReason !== 'dissolution' && (c.end === undefined || early(end) < c.end) && (c.dissolvedOn === undefined || end !== c.dissolvedOn);
      if (departs) {
        c.items.push({
          path: `/members/${memberId}/departure`,
          label: where(last),
          body: compact({
            leftOn: end, reason: endReason && REASONS.includes(endReason) ? endReason : endReason ? 'other' : undefined,
            note: [endReason && !REASONS.includes(endReason) ? `end_reason: ${endReason}` : undefined, str(last.value._departure_note)].filter(Boolean).join('\n') || undefined, source: source(last),
          }),
        });
      }
      const termEnd = departs ? end : undefined;
      // Affiliations: legislature memberships on behalf of a group, then party memberships within the term.
      for (const m of list) {
        const group = str(m.value.on_behalf_of_id);
        if (group === undefined || !groupOrgs.has(group)) continue;
        const to = dateOf(m, 'end_date');
        const open = to === undefined || to === end || (c.dissolvedOn !== undefined && to === c.dissolvedOn) || str(m.value.end_reason) === 'dissolution';
        affiliations.push({
          path: `/members/${memberId}/affiliations`,
          label: where(m),
          body: compact({ groupId: groupIdOf(group), from: dateOf(m, 'start_date') ?? electedOn, to: open ? undefined : to, note: str(m.value._affiliation_note), source: source(m) }),
        });
      }
      for (const m of partyMemberships.filter((p) => String(p.value.person_id) === personId)) {
        const from = dateOf(m, 'start_date');
        const to = dateOf(m, 'end_date');
        const clippedFrom = from === undefined || early(from) < early(electedOn) ? electedOn : from;
        if (to !== undefined && early(to) <= late(clippedFrom)) continue;
        if (termEnd !== undefined && early(clippedFrom) >= late(termEnd)) continue;
        const clippedTo = to === undefined || (termEnd !== undefined && late(to) >= early(termEnd)) || (c.end !== undefined && late(to) >= c.end) ? undefined : to;
        affiliations.push({
          path: `/members/${memberId}/affiliations`,
          label: where(m),
          body: compact({ groupId: groupIdOf(String(m.value.organization_id)), from: clippedFrom, to: clippedTo, source: source(m) }),
        });
      }
    }
    c.items.push(...affiliations);

    // Officers: memberships of the legislature with another role.
    const officers = memberships.filter((m) => !MEMBER_ROLES.test(String(m.value.role ?? ''))).sort((a, b) => startDay(a) - startDay(b));
    for (const m of officers) {
      const role = toSlug(String(m.value.role), 'officer');
      const memberId = c.members.get(String(m.value.person_id));
      const stated = dateOf(m, 'start_date');
      const from = stated ?? `${String(c.founding.foundedOn).replace(/[?~%]$/, '')}?`;
      if (stated === undefined) report.infer('membership-dates-from-period', `officer ${role} (${String(persons.get(String(m.value.person_id))?.value.name)})`, `from ${from}`, `${where(m)} gives no start_date: the council's start`);
      c.items.push({
        path: '/officers',
        label: where(m),
        body: compact({
          role, ...(memberId ? { memberId } : { name: String(persons.get(String(m.value.person_id))!.value.name), nonMember: true }), from,
          note: stated === undefined ? 'from: the membership gives no start_date; the council\'s founding date, inferred' : undefined, source: source(m),
        }),
      });
      const to = dateOf(m, 'end_date');
      if (to !== undefined) c.items.push({ path: `/officers/${role}/end`, label: where(m), body: { to, source: source(m) } });
    }
  }
}

/** A membership's constituency: its `area`, or the area its `area_id` names, as `{ id?, name? }` (POST /members `constituency`). */
function areaOfWith(areas: Map<string, Located>, m: Located): { id?: string; name?: string } | undefined {
  const inline = m.value.area as Obj | undefined;
  const id = str(m.value.area_id) ?? str(inline?.id);
  const name = str(inline?.name) ?? (id !== undefined ? str(areas.get(id)?.value.name) : undefined);
  if (id === undefined && name === undefined) return undefined;
  return compact({ id: id?.slice(0, 200), name: name?.slice(0, 200) }) as { id?: string; name?: string };
}

/** A person's `identifiers[]` as POST /members `identifiers`: each with a scheme and an identifier (others are left out). */
function identifiersOf(person: Located): Array<{ scheme: string; identifier: string }> {
  const list = Array.isArray(person.value.identifiers) ? (person.value.identifiers as Obj[]) : [];
  return list
    .map((i) => ({ scheme: str(i?.scheme), identifier: str(i?.identifier) }))
    .filter((i): i is { scheme: string; identifier: string } => i.scheme !== undefined && i.identifier !== undefined && i.scheme.length <= 100 && i.identifier.length <= 200)
    .slice(0, 50);
}
