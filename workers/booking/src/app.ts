import { createDomainApp } from "@communa/core";
import type { BookingBindings } from "./env.ts";
import { resourceRoutes } from "./routes/resources.ts";
import { bookingRoutes } from "./routes/bookings.ts";
import { sessionRoutes } from "./routes/sessions.ts";

export const app = createDomainApp<BookingBindings>();
app.route("/", resourceRoutes).route("/", bookingRoutes).route("/", sessionRoutes);
