/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-participant-row.h"

struct _TrellisParticipantRow
{
  GObject parent_instance;

  gint64 id;
  char *code;
  char *cohort;
  char *baseline_date;    /* YYYY-MM-DD, or "" when none is set */
  TrellisParticipantStatus status;
  TrellisConsentState consent_state;
};

G_DEFINE_FINAL_TYPE (TrellisParticipantRow, trellis_participant_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_COHORT,
  PROP_STATUS_LABEL,
  PROP_BASELINE_DATE,
  PROP_CONSENT_LABEL,
  PROP_CONSENT_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trellis_participant_row_finalize (GObject *object)
{
  TrellisParticipantRow *self = TRELLIS_PARTICIPANT_ROW (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->cohort, g_free);
  g_clear_pointer (&self->baseline_date, g_free);

  G_OBJECT_CLASS (trellis_participant_row_parent_class)->finalize (object);
}

static void
trellis_participant_row_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TrellisParticipantRow *self = TRELLIS_PARTICIPANT_ROW (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_COHORT: g_value_set_string (value, self->cohort); break;
    case PROP_STATUS_LABEL: g_value_set_string (value, trellis_participant_row_get_status_label (self)); break;
    case PROP_BASELINE_DATE: g_value_set_string (value, self->baseline_date); break;
    case PROP_CONSENT_LABEL: g_value_set_string (value, trellis_participant_row_get_consent_label (self)); break;
    case PROP_CONSENT_STATE: g_value_set_uint (value, self->consent_state); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_participant_row_class_init (TrellisParticipantRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trellis_participant_row_finalize;
  object_class->get_property = trellis_participant_row_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_COHORT] = g_param_spec_string ("cohort", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  properties[PROP_BASELINE_DATE] = g_param_spec_string ("baseline-date", NULL, NULL, NULL, flags);
  properties[PROP_CONSENT_LABEL] = g_param_spec_string ("consent-label", NULL, NULL, NULL, flags);
  /* A TrellisConsentState; the domain layer registers no enum types. */
  properties[PROP_CONSENT_STATE] =
    g_param_spec_uint ("consent-state", NULL, NULL, 0, TRELLIS_CONSENT_STATE_RECONSENT_NEEDED,
                       TRELLIS_CONSENT_STATE_NONE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_participant_row_init (TrellisParticipantRow *self)
{
}

TrellisParticipantRow *
trellis_participant_row_new (gint64                    id,
                             const char               *code,
                             const char               *cohort,
                             TrellisParticipantStatus  status,
                             const char               *baseline_date,
                             TrellisConsentState       consent_state)
{
  TrellisParticipantRow *self = g_object_new (TRELLIS_TYPE_PARTICIPANT_ROW, NULL);

  self->id = id;
  self->code = g_strdup (code);
  self->cohort = g_strdup (cohort);
  self->status = status;
  self->baseline_date = g_strdup (baseline_date != NULL ? baseline_date : "");
  self->consent_state = consent_state;
  return self;
}

gint64
trellis_participant_row_get_id (TrellisParticipantRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_ROW (self), 0);
  return self->id;
}

const char *
trellis_participant_row_get_code (TrellisParticipantRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_ROW (self), NULL);
  return self->code;
}

const char *
trellis_participant_row_get_cohort (TrellisParticipantRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_ROW (self), NULL);
  return self->cohort;
}

TrellisParticipantStatus
trellis_participant_row_get_status (TrellisParticipantRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_ROW (self), TRELLIS_PARTICIPANT_STATUS_RECRUITED);
  return self->status;
}

const char *
trellis_participant_row_get_status_label (TrellisParticipantRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_ROW (self), NULL);
  return trellis_participant_status_to_label (self->status);
}

/* The baseline date as YYYY-MM-DD, or "" when none is set yet. */
const char *
trellis_participant_row_get_baseline_date (TrellisParticipantRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_ROW (self), NULL);
  return self->baseline_date;
}

TrellisConsentState
trellis_participant_row_get_consent_state (TrellisParticipantRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_ROW (self), TRELLIS_CONSENT_STATE_NONE);
  return self->consent_state;
}

const char *
trellis_participant_row_get_consent_label (TrellisParticipantRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_ROW (self), NULL);
  return trellis_consent_state_to_label (self->consent_state);
}
