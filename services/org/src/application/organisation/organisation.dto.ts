import { RenameDto } from '../http/shared.dto';

/** Establishing takes a name only: the organisation's id is the caller's tenant. */
export class EstablishOrganisationDto extends RenameDto {}
