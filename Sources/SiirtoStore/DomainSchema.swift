import GRDB

/// Tables of the register, mandates, claims, requests and notification events.
///
/// Dates are ISO `YYYY-MM-DD` text, which sorts as the dates do; amounts are
/// integer cents. Henkilötunnus values are stored (the state is entitled to
/// them) but never leave the database except in the Kela batch.
enum DomainSchema {
  static func register(in migrator: inout DatabaseMigrator) {
    migrator.registerMigration("domain-1-register") { db in
      try db.execute(
        sql: """
          CREATE TABLE organisations (
            y_tunnus TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            name_sv TEXT,
            type TEXT NOT NULL CHECK (type IN ('KUNTA', 'KUNTAYHTYMA', 'HYVINVOINTIALUE', 'MUU')),
            municipality_code TEXT
          );
          -- The history of validity: "active on date D" holds for past dates too.
          CREATE TABLE organisation_periods (
            y_tunnus TEXT NOT NULL REFERENCES organisations(y_tunnus) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start TEXT NOT NULL,
            "end" TEXT,
            removed INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (y_tunnus, seq)
          ) WITHOUT ROWID;
          CREATE TABLE registration_requests (
            request_id TEXT PRIMARY KEY NOT NULL,
            run_id TEXT NOT NULL
          );
          """)
    }
    migrator.registerMigration("domain-1-mandates") { db in
      try db.execute(
        sql: """
          CREATE TABLE mandates (
            mandate_id TEXT PRIMARY KEY NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'REVOKED')),
            principal_type TEXT NOT NULL CHECK (principal_type IN ('ORG', 'PERSON')),
            principal_id TEXT NOT NULL,
            agent_type TEXT NOT NULL CHECK (agent_type IN ('ORG', 'PERSON')),
            agent_id TEXT NOT NULL,
            agent_name TEXT,
            matter TEXT NOT NULL,
            valid_from TEXT NOT NULL,
            effective_end TEXT,
            end_notice_pending INTEGER NOT NULL DEFAULT 0,
            expiry_warned_for TEXT,
            run_id TEXT NOT NULL
          );
          -- Who may act for whom, both directions, fast with a million mandates.
          CREATE INDEX mandates_by_principal ON mandates(principal_id, matter);
          CREATE INDEX mandates_by_agent ON mandates(agent_id, matter);
          -- The time-driven events look at a few rows, not at every mandate.
          CREATE INDEX mandates_end_pending ON mandates(effective_end)
            WHERE end_notice_pending = 1;
          CREATE INDEX mandates_by_end ON mandates(effective_end)
            WHERE principal_type = 'ORG' AND effective_end IS NOT NULL;
          CREATE TABLE mandate_exports (
            export_id TEXT PRIMARY KEY NOT NULL,
            sha256 TEXT NOT NULL,
            run_id TEXT NOT NULL
          );
          -- The name the latest mandate export gave each person.
          CREATE TABLE person_names (
            hetu TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL
          ) WITHOUT ROWID;
          -- Organisation + matter pairs last seen with nobody authorised.
          CREATE TABLE coverage_state (
            y_tunnus TEXT NOT NULL,
            matter TEXT NOT NULL,
            PRIMARY KEY (y_tunnus, matter)
          ) WITHOUT ROWID;
          """)
    }
    migrator.registerMigration("domain-1-claims") { db in
      try db.execute(
        sql: """
          CREATE TABLE claims (
            claimant TEXT NOT NULL,
            claim_id TEXT NOT NULL,
            registered_by TEXT NOT NULL,
            client_hetu TEXT NOT NULL,
            claim_type TEXT NOT NULL,
            legal_basis TEXT NOT NULL,
            benefit TEXT NOT NULL,
            period_start TEXT NOT NULL,
            period_end TEXT NOT NULL,
            amount_cents INTEGER NOT NULL,
            iban TEXT NOT NULL,
            reference TEXT,
            decision_date TEXT NOT NULL,
            non_disclosure INTEGER NOT NULL,
            digest TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            run_id TEXT NOT NULL,
            cancelled_run_id TEXT,
            PRIMARY KEY (claimant, claim_id)
          );
          -- Rule 10 looks among active claims only.
          CREATE INDEX claims_active_by_client ON claims(client_hetu, benefit, period_start)
            WHERE active = 1;
          -- The accepted ADDs and CANCELs of each run: the Kela batch.
          CREATE TABLE claim_actions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('ADD', 'CANCEL')),
            claimant TEXT NOT NULL,
            claim_id TEXT NOT NULL,
            -- The sender's folder: a Y-tunnus, or `_ops`.
            sender TEXT NOT NULL
          );
          CREATE INDEX claim_actions_by_run ON claim_actions(run_id, claimant, claim_id);
          """)
    }
    migrator.registerMigration("domain-1-events") { db in
      try db.execute(
        sql: """
          CREATE TABLE events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL,
            recipient TEXT NOT NULL,
            code TEXT NOT NULL,
            ref_type TEXT,
            ref_id TEXT,
            arguments TEXT NOT NULL
          );
          CREATE INDEX events_by_run ON events(run_id, seq);
          """)
    }
    migrator.registerMigration("domain-2-type-history") { db in
      try db.execute(
        sql: """
          -- The types an organisation held before its current one (claims rule 5
          -- asks for the type on the decision date). None: never changed.
          CREATE TABLE organisation_earlier_types (
            y_tunnus TEXT NOT NULL REFERENCES organisations(y_tunnus) ON DELETE CASCADE,
            "until" TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('KUNTA', 'KUNTAYHTYMA', 'HYVINVOINTIALUE', 'MUU')),
            PRIMARY KEY (y_tunnus, "until")
          ) WITHOUT ROWID;
          """)
    }
    migrator.registerMigration("domain-2-protected-clients") { db in
      // Reports ask, for each claim they list, whether its client has any
      // non-disclosure claim: without this, each question scans every claim.
      try db.execute(
        sql: """
          CREATE INDEX claims_protected_clients ON claims(client_hetu) WHERE non_disclosure = 1
          """)
    }
    migrator.registerMigration("domain-3-lean-claim-actions") { db in
      // AUTOINCREMENT read and wrote sqlite_sequence on every accepted claim;
      // rows are never deleted, so a plain INTEGER PRIMARY KEY numbers them
      // the same way (the largest so far plus one).
      try db.execute(
        sql: """
          CREATE TABLE claim_actions_new (
            seq INTEGER PRIMARY KEY,
            run_id TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('ADD', 'CANCEL')),
            claimant TEXT NOT NULL,
            claim_id TEXT NOT NULL,
            -- The sender's folder: a Y-tunnus, or `_ops`.
            sender TEXT NOT NULL
          );
          INSERT INTO claim_actions_new (seq, run_id, action, claimant, claim_id, sender)
            SELECT seq, run_id, action, claimant, claim_id, sender FROM claim_actions;
          DROP TABLE claim_actions;
          ALTER TABLE claim_actions_new RENAME TO claim_actions;
          CREATE INDEX claim_actions_by_run ON claim_actions(run_id, claimant, claim_id);
          DELETE FROM sqlite_sequence WHERE name = 'claim_actions';
          """)
    }
    migrator.registerMigration("domain-4-claim-actions-by-run") { db in
      // The run's actions were a table and an index over the same columns,
      // two trees written per accepted claim and half the size of `claims`
      // again. Keyed by run, claimant and claim, the table is its own index
      // in the Kela batch's order. `seq` now numbers a run's actions from 1
      // in the order the run accepted them.
      try db.execute(
        sql: """
          CREATE TABLE claim_actions_new (
            run_id TEXT NOT NULL,
            claimant TEXT NOT NULL,
            claim_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('ADD', 'CANCEL')),
            -- The sender's folder: a Y-tunnus, or `_ops`.
            sender TEXT NOT NULL,
            PRIMARY KEY (run_id, claimant, claim_id, seq)
          ) WITHOUT ROWID;
          INSERT INTO claim_actions_new (run_id, claimant, claim_id, seq, action, sender)
            SELECT run_id, claimant, claim_id,
              ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY seq), action, sender
            FROM claim_actions;
          DROP TABLE claim_actions;
          ALTER TABLE claim_actions_new RENAME TO claim_actions;
          """)
    }
  }
}
