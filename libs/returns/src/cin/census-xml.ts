import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createCB } from 'xmlbuilder2';
import type { XMLBuilderCB } from 'xmlbuilder2/lib/interfaces';
import type { CensusChild, CensusYear } from './census-child';

export interface CensusHeader {
  lea: string;
  softwareCode: string;
  // when the return was made
  at: Date;
}

export interface CensusCounts {
  children: number;
  episodes: number;
}

const yesNo = (b: boolean) => (b ? '1' : '0');

function leaf(xml: XMLBuilderCB, name: string, value: string | undefined): void {
  if (value !== undefined) xml.ele(name).txt(value).up();
}

// one Child, in the XSD's element order (CIN_schema_2026.xsd: every type is a sequence)
function writeChild(xml: XMLBuilderCB, child: CensusChild): void {
  xml.ele('Child');
  xml.ele('ChildIdentifiers');
  leaf(xml, 'LAchildID', child.laChildId);
  leaf(xml, 'UPN', child.upn);
  leaf(xml, 'UPNunknown', child.upnUnknown);
  leaf(xml, 'PersonBirthDate', child.personBirthDate);
  leaf(xml, 'ExpectedPersonBirthDate', child.expectedPersonBirthDate);
  leaf(xml, 'Sex', child.sex);
  xml.up();
  xml.ele('ChildCharacteristics');
  leaf(xml, 'Ethnicity', child.ethnicity);
  if (child.disabilities.length > 0) {
    xml.ele('Disabilities');
    for (const d of child.disabilities) leaf(xml, 'Disability', d);
    xml.up();
  }
  xml.up();
  for (const e of child.episodes) {
    xml.ele('CINdetails');
    leaf(xml, 'CINreferralDate', e.cinReferralDate);
    leaf(xml, 'ReferralSource', e.referralSource);
    leaf(xml, 'PrimaryNeedCode', e.primaryNeedCode);
    leaf(xml, 'CINclosureDate', e.cinClosureDate);
    for (const s of e.section47) {
      xml.ele('Section47');
      leaf(xml, 'S47ActualStartDate', s.s47ActualStartDate);
      leaf(xml, 'InitialCPCtarget', s.initialCpcTarget);
      leaf(xml, 'DateOfInitialCPC', s.dateOfInitialCpc);
      leaf(xml, 'ICPCnotRequired', yesNo(s.icpcNotRequired));
      xml.up();
    }
    leaf(xml, 'ReferralNFA', yesNo(e.referralNfa));
    for (const p of e.childProtectionPlans) {
      xml.ele('ChildProtectionPlans');
      leaf(xml, 'CPPstartDate', p.cppStartDate);
      leaf(xml, 'InitialCategoryOfAbuse', p.initialCategoryOfAbuse);
      leaf(xml, 'LatestCategoryOfAbuse', p.latestCategoryOfAbuse);
      leaf(xml, 'NumberOfPreviousCPP', String(p.numberOfPreviousCpp));
      xml.up();
    }
    xml.up();
  }
  xml.up();
}

// the census message, written to `out` child by child as the children arrive: the builder
// escapes every text, and the writer waits for `out` to drain, so memory holds one child
export async function writeCensusXml(
  children: AsyncIterable<CensusChild>,
  year: CensusYear,
  header: CensusHeader,
  out: Writable,
): Promise<CensusCounts> {
  let pending = '';
  const xml = createCB({ data: (chunk: string) => (pending += chunk), prettyPrint: true });
  // a client that goes away ends the export (its 'close' without a 'drain')
  const gone = new AbortController();
  const onClose = () => gone.abort();
  out.once('close', onClose);
  const flush = async () => {
    gone.signal.throwIfAborted();
    if (!pending) return;
    const more = out.write(pending);
    pending = '';
    if (!more) await once(out, 'drain', { signal: gone.signal });
  };
  xml.dec({ version: '1.0', encoding: 'UTF-8' });
  xml.ele('Message');
  xml.ele('Header');
  xml.ele('CollectionDetails');
  leaf(xml, 'Collection', 'CIN');
  leaf(xml, 'Year', String(year.year));
  leaf(xml, 'ReferenceDate', year.referenceDate);
  xml.up();
  xml.ele('Source');
  leaf(xml, 'SourceLevel', 'L');
  leaf(xml, 'LEA', header.lea);
  leaf(xml, 'SoftwareCode', header.softwareCode);
  leaf(xml, 'DateTime', header.at.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  xml.up();
  xml.up();
  xml.ele('Children');
  const counts: CensusCounts = { children: 0, episodes: 0 };
  try {
    for await (const child of children) {
      writeChild(xml, child);
      counts.children++;
      counts.episodes += child.episodes.length;
      await flush();
    }
    xml.up();
    xml.up();
    xml.end();
    await flush();
    return counts;
  } finally {
    out.off('close', onClose);
  }
}
