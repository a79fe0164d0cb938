/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-reconsent-entry.h"

struct _TrellisReconsentEntry
{
  GObject parent_instance;

  gint64 participant_id;
  char *code;
  char *cohort;
  char *version_label;
  char *consent_date;
};

G_DEFINE_FINAL_TYPE (TrellisReconsentEntry, trellis_reconsent_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PARTICIPANT_ID,
  PROP_CODE,
  PROP_COHORT,
  PROP_VERSION_LABEL,
  PROP_CONSENT_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trellis_reconsent_entry_finalize (GObject *object)
{
  TrellisReconsentEntry *self = TRELLIS_RECONSENT_ENTRY (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->cohort, g_free);
  g_clear_pointer (&self->version_label, g_free);
  g_clear_pointer (&self->consent_date, g_free);

  G_OBJECT_CLASS (trellis_reconsent_entry_parent_class)->finalize (object);
}

static void
trellis_reconsent_entry_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TrellisReconsentEntry *self = TRELLIS_RECONSENT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_PARTICIPANT_ID: g_value_set_int64 (value, self->participant_id); break;
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_COHORT: g_value_set_string (value, self->cohort); break;
    case PROP_VERSION_LABEL: g_value_set_string (value, self->version_label); break;
    case PROP_CONSENT_DATE: g_value_set_string (value, self->consent_date); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_reconsent_entry_class_init (TrellisReconsentEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trellis_reconsent_entry_finalize;
  object_class->get_property = trellis_reconsent_entry_get_property;

  properties[PROP_PARTICIPANT_ID] = g_param_spec_int64 ("participant-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_COHORT] = g_param_spec_string ("cohort", NULL, NULL, NULL, flags);
  properties[PROP_VERSION_LABEL] = g_param_spec_string ("version-label", NULL, NULL, NULL, flags);
  properties[PROP_CONSENT_DATE] = g_param_spec_string ("consent-date", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_reconsent_entry_init (TrellisReconsentEntry *self)
{
}

TrellisReconsentEntry *
trellis_reconsent_entry_new (gint64      participant_id,
                             const char *code,
                             const char *cohort,
                             const char *version_label,
                             const char *consent_date)
{
  TrellisReconsentEntry *self = g_object_new (TRELLIS_TYPE_RECONSENT_ENTRY, NULL);

  self->participant_id = participant_id;
  self->code = g_strdup (code ? code : "");
  self->cohort = g_strdup (cohort ? cohort : "");
  self->version_label = g_strdup (version_label ? version_label : "");
  self->consent_date = g_strdup (consent_date ? consent_date : "");
  return self;
}

gint64
trellis_reconsent_entry_get_participant_id (TrellisReconsentEntry *self)
{
  g_return_val_if_fail (TRELLIS_IS_RECONSENT_ENTRY (self), 0);
  return self->participant_id;
}

const char *
trellis_reconsent_entry_get_code (TrellisReconsentEntry *self)
{
  g_return_val_if_fail (TRELLIS_IS_RECONSENT_ENTRY (self), NULL);
  return self->code;
}

const char *
trellis_reconsent_entry_get_cohort (TrellisReconsentEntry *self)
{
  g_return_val_if_fail (TRELLIS_IS_RECONSENT_ENTRY (self), NULL);
  return self->cohort;
}

const char *
trellis_reconsent_entry_get_version_label (TrellisReconsentEntry *self)
{
  g_return_val_if_fail (TRELLIS_IS_RECONSENT_ENTRY (self), NULL);
  return self->version_label;
}

const char *
trellis_reconsent_entry_get_consent_date (TrellisReconsentEntry *self)
{
  g_return_val_if_fail (TRELLIS_IS_RECONSENT_ENTRY (self), NULL);
  return self->consent_date;
}
