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
import { UpdateBookingDetails } from './update-booking-details.use-case.js';

export function bookingUseCases({ uow, ids }: CoreServices) {
  return {
    create: new CreateBooking({ uow, ids }),
    get: new GetBooking({ uow }),
    list: new ListBookings({ uow }),
    updateDetails: new UpdateBookingDetails({ uow, ids }),
    changeAssignment: new ChangeBookingAssignment({ uow, ids }),
    reschedule: new RescheduleBooking({ uow, ids }),
    changeStatus: new ChangeBookingStatus({ uow, ids }),
    cancel: new CancelBooking({ uow, ids }),
    history: new GetBookingHistory({ uow }),
  };
}
