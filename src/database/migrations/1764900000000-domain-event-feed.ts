import { MigrationInterface, QueryRunner } from "typeorm";

/** The channel every statement appending events notifies (no payload: listeners read what is new). */
export const domainEventsChannel = "customer_graph_domain_events";

/** Each statement that appends domain events wakes every process's event feed, whichever process wrote them. */
export class DomainEventFeed1764900000000 implements MigrationInterface {
  name = "DomainEventFeed1764900000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION customer_graph_domain_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${domainEventsChannel}', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER domain_events_appended AFTER INSERT ON domain_events
      FOR EACH STATEMENT EXECUTE FUNCTION customer_graph_domain_events_appended()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER domain_events_appended ON domain_events`);
    await queryRunner.query(`DROP FUNCTION customer_graph_domain_events_appended()`);
  }
}
