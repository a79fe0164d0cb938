/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The identifiable details kept apart from the pseudonymous register, in the
 * order of participant_contact's columns and of the import's columns. */
typedef enum
{
  TRELLIS_CONTACT_FIELD_NAME,
  TRELLIS_CONTACT_FIELD_EMAIL,
  TRELLIS_CONTACT_FIELD_PHONE,
  TRELLIS_CONTACT_FIELD_NOTES,
  TRELLIS_CONTACT_N_FIELDS,
} TrellisContactField;

#define TRELLIS_CONTACT_FIELD_MAX 1000

const char *trellis_contact_field_to_label (TrellisContactField   field);
gboolean    trellis_contact_field_check    (TrellisContactField   field,
                                            const char           *value,
                                            GError              **error);

G_END_DECLS
