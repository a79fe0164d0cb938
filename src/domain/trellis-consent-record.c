/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-consent-clause.h"
#include "trellis-consent-record.h"

struct _TrellisConsentRecord
{
  GObject parent_instance;

  gint64 id;
  gint64 participant_id;
  gint64 version_id;
  char *version_label;
  char *date;
  char *taken_by;
  GHashTable *answers;
};

G_DEFINE_FINAL_TYPE (TrellisConsentRecord, trellis_consent_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PARTICIPANT_ID,
  PROP_VERSION_ID,
  PROP_VERSION_LABEL,
  PROP_DATE,
  PROP_TAKEN_BY,
  PROP_ANSWERS,
  PROP_TAKES_PART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() arrived in GLib 2.76; bookworm has 2.74. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
trellis_consent_record_finalize (GObject *object)
{
  TrellisConsentRecord *self = TRELLIS_CONSENT_RECORD (object);

  g_clear_pointer (&self->version_label, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->taken_by, g_free);
  g_clear_pointer (&self->answers, g_hash_table_unref);

  G_OBJECT_CLASS (trellis_consent_record_parent_class)->finalize (object);
}

static void
trellis_consent_record_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TrellisConsentRecord *self = TRELLIS_CONSENT_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_PARTICIPANT_ID: g_value_set_int64 (value, self->participant_id); break;
    case PROP_VERSION_ID: g_value_set_int64 (value, self->version_id); break;
    case PROP_VERSION_LABEL: g_value_set_string (value, self->version_label); break;
    case PROP_DATE: g_value_set_string (value, self->date); break;
    case PROP_TAKEN_BY: g_value_set_string (value, self->taken_by); break;
    case PROP_ANSWERS: g_value_set_boxed (value, self->answers); break;
    case PROP_TAKES_PART: g_value_set_boolean (value, trellis_consent_record_get_takes_part (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_consent_record_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TrellisConsentRecord *self = TRELLIS_CONSENT_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID: trellis_consent_record_set_id (self, g_value_get_int64 (value)); break;
    case PROP_PARTICIPANT_ID: trellis_consent_record_set_participant_id (self, g_value_get_int64 (value)); break;
    case PROP_VERSION_ID: trellis_consent_record_set_version_id (self, g_value_get_int64 (value)); break;
    case PROP_VERSION_LABEL: trellis_consent_record_set_version_label (self, g_value_get_string (value)); break;
    case PROP_DATE: trellis_consent_record_set_date (self, g_value_get_string (value)); break;
    case PROP_TAKEN_BY: trellis_consent_record_set_taken_by (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_consent_record_class_init (TrellisConsentRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trellis_consent_record_finalize;
  object_class->get_property = trellis_consent_record_get_property;
  object_class->set_property = trellis_consent_record_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PARTICIPANT_ID] =
    g_param_spec_int64 ("participant-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_VERSION_ID] =
    g_param_spec_int64 ("version-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_VERSION_LABEL] =
    g_param_spec_string ("version-label", NULL, NULL, NULL, flags);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties[PROP_TAKEN_BY] =
    g_param_spec_string ("taken-by", NULL, NULL, NULL, flags);
  properties[PROP_ANSWERS] =
    g_param_spec_boxed ("answers", NULL, NULL, G_TYPE_HASH_TABLE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAKES_PART] =
    g_param_spec_boolean ("takes-part", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_consent_record_init (TrellisConsentRecord *self)
{
  self->answers = trellis_consent_answers_new ();
}

TrellisConsentRecord *
trellis_consent_record_new (void)
{
  return g_object_new (TRELLIS_TYPE_CONSENT_RECORD, NULL);
}

gint64
trellis_consent_record_get_id (TrellisConsentRecord *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_RECORD (self), 0);
  return self->id;
}

void
trellis_consent_record_set_id (TrellisConsentRecord *self,
                               gint64                value)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_RECORD (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
trellis_consent_record_get_participant_id (TrellisConsentRecord *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_RECORD (self), 0);
  return self->participant_id;
}

void
trellis_consent_record_set_participant_id (TrellisConsentRecord *self,
                                           gint64                value)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_RECORD (self));

  if (self->participant_id == value)
    return;
  self->participant_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTICIPANT_ID]);
}

gint64
trellis_consent_record_get_version_id (TrellisConsentRecord *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_RECORD (self), 0);
  return self->version_id;
}

void
trellis_consent_record_set_version_id (TrellisConsentRecord *self,
                                       gint64                value)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_RECORD (self));

  if (self->version_id == value)
    return;
  self->version_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION_ID]);
}

const char *
trellis_consent_record_get_version_label (TrellisConsentRecord *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_RECORD (self), NULL);
  return self->version_label;
}

void
trellis_consent_record_set_version_label (TrellisConsentRecord *self,
                                          const char           *value)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_RECORD (self));

  if (replace_string (&self->version_label, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION_LABEL]);
}

/* YYYY-MM-DD. */
const char *
trellis_consent_record_get_date (TrellisConsentRecord *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_RECORD (self), NULL);
  return self->date;
}

void
trellis_consent_record_set_date (TrellisConsentRecord *self,
                                 const char           *value)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_RECORD (self));

  if (replace_string (&self->date, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
trellis_consent_record_get_taken_by (TrellisConsentRecord *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_RECORD (self), NULL);
  return self->taken_by;
}

void
trellis_consent_record_set_taken_by (TrellisConsentRecord *self,
                                     const char           *value)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_RECORD (self));

  if (replace_string (&self->taken_by, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAKEN_BY]);
}

/* The answers, clause key → yes or no (see trellis_consent_answers_get ()). */
GHashTable *
trellis_consent_record_get_answers (TrellisConsentRecord *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_RECORD (self), NULL);
  return self->answers;
}

void
trellis_consent_record_set_answers (TrellisConsentRecord *self,
                                    GHashTable           *answers)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_RECORD (self));
  g_return_if_fail (answers != NULL);

  g_hash_table_ref (answers);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  self->answers = answers;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWERS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAKES_PART]);
}

/* Whether the person agreed to take part: the one answer whose "no" means
 * they declined, whatever else they answered. */
gboolean
trellis_consent_record_get_takes_part (TrellisConsentRecord *self)
{
  gboolean yes = FALSE;

  g_return_val_if_fail (TRELLIS_IS_CONSENT_RECORD (self), FALSE);

  return trellis_consent_answers_get (self->answers, TRELLIS_CONSENT_CLAUSE_TAKE_PART, &yes) && yes;
}
