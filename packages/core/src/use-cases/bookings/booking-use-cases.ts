/** The bookings use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { ChangeBookingAssignment, ChangeBookingStatus, CreateBooking, GetBooking, GetBookingHistory, ListBookings, RescheduleBooking, UpdateBookingDetails } from '../scheduling/bookings.use-case.js';

export function bookingUseCases({ uow, ids }: CoreServices) {
  return {
    create: new CreateBooking({ uow, ids }),
    get: new GetBooking({ uow }),
    list: new ListBookings({ uow }),
    updateDetails: new UpdateBookingDetails({ uow, ids }),
    changeAssignment: new ChangeBookingAssignment({ uow, ids }),
    reschedule: new RescheduleBooking({ uow, ids }),
    changeStatus: new ChangeBookingStatus({ uow, ids }),
    history: new GetBookingHistory({ uow }),
  };
}
