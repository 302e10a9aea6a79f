/**
 * Réservations (issue #19, ADR 0032): halls, third-place rooms and machines, equipment loans and
 * workshop sessions, never double-booked. Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { log } from "@communa/core";
import { app } from "./app.ts";
import { bookingEnvSchema, type BookingBindings } from "./env.ts";
import { expireAllOptions } from "./services/expiry.ts";

export default class BookingWorker extends DomainEntrypoint<BookingBindings> {
  protected readonly app = app;
  protected readonly title = "Réservations";
  protected override readonly envSchema = bookingEnvSchema;

  /** Every 15 minutes: lapsed options free their slot; daily at 04:10, retention too (wrangler.toml). */
  override async scheduled(controller: ScheduledController): Promise<void> {
    const now = new Date(controller.scheduledTime);
    await this.withDb(async (db) => {
      const expired = await expireAllOptions(db, now);
      if (expired) log("info", "options échues libérées", { expired });
      if (controller.cron === "10 4 * * *")
        log("info", "durées de conservation des réservations appliquées", { counts: await db.applyRetention("purge_booking_expired") });
    });
  }
}
