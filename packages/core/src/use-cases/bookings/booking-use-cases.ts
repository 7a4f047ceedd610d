/** The bookings use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { CancelBooking } from './cancel-booking.use-case.js';
import { ChangeBookingAssignment } from './change-booking-assignment.use-case.js';
import { ChangeBookingStatus } from './change-booking-status.use-case.js';
import { CreateBooking } from './create-booking.use-case.js';
import { GetBookingHistory } from './get-booking-history.use-case.js';
import { GetBooking } from './get-booking.use-case.js';
import { ListBookings } from './list-bookings.use-case.js';
import { RescheduleBooking } from './reschedule-booking.use-case.js';
import { SendBookingReminders } from './send-booking-reminders.use-case.js';
import { UpdateBookingDetails } from './update-booking-details.use-case.js';

export function bookingUseCases({ uow, ids, messaging, orgs, systemAudit, jobs }: CoreServices) {
  return {
    create: new CreateBooking({ uow, ids, messaging }),
    get: new GetBooking({ uow }),
    list: new ListBookings({ uow }),
    updateDetails: new UpdateBookingDetails({ uow, ids, messaging }),
    changeAssignment: new ChangeBookingAssignment({ uow, ids, messaging }),
    reschedule: new RescheduleBooking({ uow, ids, messaging }),
    changeStatus: new ChangeBookingStatus({ uow, ids, messaging }),
    cancel: new CancelBooking({ uow, ids, messaging }),
    history: new GetBookingHistory({ uow }),
    sendReminders: new SendBookingReminders({ uow, ids, messaging, orgs, systemAudit, jobs }),
  };
}
