/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "trellis-contact-field.h"
#include "trellis-domain-error.h"

static const char *const labels[TRELLIS_CONTACT_N_FIELDS] = {
  N_("name"), N_("email"), N_("phone"), N_("notes"),
};

const char *
trellis_contact_field_to_label (TrellisContactField field)
{
  g_return_val_if_fail (field < TRELLIS_CONTACT_N_FIELDS, NULL);
  return _(labels[field]);
}

/* Whether value (NULL for none) may be kept in the field. The messages never
 * quote the value: contact details are identifiable, and a message may reach
 * a log, a terminal or a list of import problems. */
gboolean
trellis_contact_field_check (TrellisContactField   field,
                             const char           *value,
                             GError              **error)
{
  g_return_val_if_fail (field < TRELLIS_CONTACT_N_FIELDS, FALSE);

  if (value == NULL)
    return TRUE;
  /* A character takes at least one byte, so only text longer in bytes than
   * the limit needs its characters counted: an import checks 400,000 fields. */
  if (!g_utf8_validate (value, -1, NULL) ||
      (strlen (value) > TRELLIS_CONTACT_FIELD_MAX && g_utf8_strlen (value, -1) > TRELLIS_CONTACT_FIELD_MAX))
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("must be text of at most %d characters"), TRELLIS_CONTACT_FIELD_MAX);
      return FALSE;
    }
  if (field == TRELLIS_CONTACT_FIELD_EMAIL && (strchr (value, '@') == NULL || strchr (value, ' ') != NULL))
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("this is not an email address"));
      return FALSE;
    }
  return TRUE;
}
