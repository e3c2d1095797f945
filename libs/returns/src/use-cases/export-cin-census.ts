import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode, RETURNS_POLICY, type ReturnsPolicySchema } from '@app/core';
import { Journal } from '@app/live';
import { censusYear, type CensusYear } from '../cin/census-child';
import { censusAnySql, censusChildren, censusRowsSql, type CensusRow } from '../cin/census-projection';
import { writeCensusXml, type CensusCounts } from '../cin/census-xml';
import { childIdSql } from '../return-child-id';
import { inSnapshot } from '../snapshot';

export interface ExportCinCensusCommand {
  year: number;
  out: Writable;
  // called once there is a return to write, before its first byte: the file's name
  start(filename: string): void;
}

// issue 19 item 2 (decision 0030): the DfE children in need census for the collection year
// ending 31 March `year`, from one consistent snapshot (a read-only repeatable-read
// transaction), streamed row batch by row batch into the XML as it is sent. A return is
// personal data leaving the system: audited with who, which return, the year and its counts
// (and whether it was sent whole), never a child's details.
@Injectable()
export class ExportCinCensus {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    @Inject(RETURNS_POLICY) private readonly policy: ReturnsPolicySchema,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { year, out, start }: ExportCinCensusCommand,
  ): Promise<CensusCounts> {
    const census = censusYear(year);
    const params = [census.start, census.referenceDate];
    const childId = childIdSql(this.policy);
    let counts: CensusCounts = { children: 0, episodes: 0 };
    let complete = false;
    let started = false;
    try {
      counts = await inSnapshot(this.dataSource, async (snapshot) => {
        const [{ any }] = await snapshot.query<{ any: boolean }>(censusAnySql(childId), params);
        if (!any)
          throw new DomainError(
            ErrorCode.CONFLICT,
            `No child was referred, or had a section 47 enquiry, in the year ending ${census.referenceDate}: there is no census to return.`,
          );
        start(`cin-census-${year}.xml`);
        started = true;
        return writeCensusXml(
          censusChildren(snapshot.stream<CensusRow>(censusRowsSql(childId), params), census),
          census,
          {
            lea: this.policy.cinCensus.lea,
            softwareCode: this.policy.cinCensus.softwareCode,
            at: this.clock.now(),
          },
          out,
        );
      });
      complete = true;
      return counts;
    } finally {
      if (started) await this.audit(user, census, counts, complete);
    }
  }

  private audit(user: AuthenticatedUser, census: CensusYear, counts: CensusCounts, complete: boolean) {
    return this.dataSource.transaction(async (manager) => {
      this.journal.write(manager, user, {
        action: 'RETURN_EXPORTED',
        entityType: 'return',
        entityId: null,
        details: {
          return: 'CIN_CENSUS',
          year: census.year,
          referenceDate: census.referenceDate,
          children: counts.children,
          episodes: counts.episodes,
          complete,
        },
      });
    });
  }
}
