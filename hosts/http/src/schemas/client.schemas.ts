import { ClientAddressView } from '@cws/core';
import { wireSchema } from '../routing/wire-schema.js';

/** The service address form (as a lead's) as one stored row of the client's list. */
export const AddressView = wireSchema(ClientAddressView);
