/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-consent-record.h"
#include "trellis-consent-state.h"
#include "trellis-date.h"
#include "trellis-participant-status.h"
#include "trellis-participant.h"

struct _TrellisParticipant
{
  GObject parent_instance;

  gint64 id;
  char *code;
  gint64 cohort_id;
  char *cohort_name;
  char *baseline_date;
  char *lost_date;
  char *created;
  int status;
  int consent_state;
  gboolean withdrawn;
  int withdrawal_kind;
  char *withdrawal_date;
  char *withdrawal_reason;
  char *withdrawal_purged;
  char *research_data_purged;
  char *contact_name;
  char *contact_email;
  char *contact_phone;
  char *contact_notes;
  GListStore *consents;
};

G_DEFINE_FINAL_TYPE (TrellisParticipant, trellis_participant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_COHORT_ID,
  PROP_COHORT_NAME,
  PROP_BASELINE_DATE,
  PROP_LOST_DATE,
  PROP_CREATED,
  PROP_STATUS,
  PROP_CONSENT_STATE,
  PROP_WITHDRAWN,
  PROP_WITHDRAWAL_KIND,
  PROP_WITHDRAWAL_DATE,
  PROP_WITHDRAWAL_REASON,
  PROP_WITHDRAWAL_PURGED,
  PROP_RESEARCH_DATA_PURGED,
  PROP_CONTACT_NAME,
  PROP_CONTACT_EMAIL,
  PROP_CONTACT_PHONE,
  PROP_CONTACT_NOTES,
  PROP_STATUS_LABEL,
  PROP_CONSENT_STATE_LABEL,
  PROP_WITHDRAWAL_KIND_LABEL,
  PROP_CONSENTS,
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
trellis_participant_finalize (GObject *object)
{
  TrellisParticipant *self = TRELLIS_PARTICIPANT (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->cohort_name, g_free);
  g_clear_pointer (&self->baseline_date, g_free);
  g_clear_pointer (&self->lost_date, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->withdrawal_date, g_free);
  g_clear_pointer (&self->withdrawal_reason, g_free);
  g_clear_pointer (&self->withdrawal_purged, g_free);
  g_clear_pointer (&self->research_data_purged, g_free);
  g_clear_pointer (&self->contact_name, g_free);
  g_clear_pointer (&self->contact_email, g_free);
  g_clear_pointer (&self->contact_phone, g_free);
  g_clear_pointer (&self->contact_notes, g_free);
  g_clear_object (&self->consents);

  G_OBJECT_CLASS (trellis_participant_parent_class)->finalize (object);
}

static void
trellis_participant_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TrellisParticipant *self = TRELLIS_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_COHORT_ID: g_value_set_int64 (value, self->cohort_id); break;
    case PROP_COHORT_NAME: g_value_set_string (value, self->cohort_name); break;
    case PROP_BASELINE_DATE: g_value_set_string (value, self->baseline_date); break;
    case PROP_LOST_DATE: g_value_set_string (value, self->lost_date); break;
    case PROP_CREATED: g_value_set_string (value, self->created); break;
    case PROP_STATUS: g_value_set_int (value, self->status); break;
    case PROP_CONSENT_STATE: g_value_set_int (value, self->consent_state); break;
    case PROP_WITHDRAWN: g_value_set_boolean (value, self->withdrawn); break;
    case PROP_WITHDRAWAL_KIND: g_value_set_int (value, self->withdrawal_kind); break;
    case PROP_WITHDRAWAL_DATE: g_value_set_string (value, self->withdrawal_date); break;
    case PROP_WITHDRAWAL_REASON: g_value_set_string (value, self->withdrawal_reason); break;
    case PROP_WITHDRAWAL_PURGED: g_value_set_string (value, self->withdrawal_purged); break;
    case PROP_RESEARCH_DATA_PURGED: g_value_set_string (value, self->research_data_purged); break;
    case PROP_CONTACT_NAME: g_value_set_string (value, self->contact_name); break;
    case PROP_CONTACT_EMAIL: g_value_set_string (value, self->contact_email); break;
    case PROP_CONTACT_PHONE: g_value_set_string (value, self->contact_phone); break;
    case PROP_CONTACT_NOTES: g_value_set_string (value, self->contact_notes); break;
    case PROP_STATUS_LABEL: g_value_set_string (value, trellis_participant_get_status_label (self)); break;
    case PROP_CONSENT_STATE_LABEL: g_value_set_string (value, trellis_participant_get_consent_state_label (self)); break;
    case PROP_WITHDRAWAL_KIND_LABEL: g_value_set_string (value, trellis_participant_get_withdrawal_kind_label (self)); break;
    case PROP_CONSENTS: g_value_set_object (value, self->consents); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_participant_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TrellisParticipant *self = TRELLIS_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID: trellis_participant_set_id (self, g_value_get_int64 (value)); break;
    case PROP_CODE: trellis_participant_set_code (self, g_value_get_string (value)); break;
    case PROP_COHORT_ID: trellis_participant_set_cohort_id (self, g_value_get_int64 (value)); break;
    case PROP_COHORT_NAME: trellis_participant_set_cohort_name (self, g_value_get_string (value)); break;
    case PROP_BASELINE_DATE: trellis_participant_set_baseline_date (self, g_value_get_string (value)); break;
    case PROP_LOST_DATE: trellis_participant_set_lost_date (self, g_value_get_string (value)); break;
    case PROP_CREATED: trellis_participant_set_created (self, g_value_get_string (value)); break;
    case PROP_STATUS: trellis_participant_set_status (self, g_value_get_int (value)); break;
    case PROP_CONSENT_STATE: trellis_participant_set_consent_state (self, g_value_get_int (value)); break;
    case PROP_WITHDRAWN: trellis_participant_set_withdrawn (self, g_value_get_boolean (value)); break;
    case PROP_WITHDRAWAL_KIND: trellis_participant_set_withdrawal_kind (self, g_value_get_int (value)); break;
    case PROP_WITHDRAWAL_DATE: trellis_participant_set_withdrawal_date (self, g_value_get_string (value)); break;
    case PROP_WITHDRAWAL_REASON: trellis_participant_set_withdrawal_reason (self, g_value_get_string (value)); break;
    case PROP_WITHDRAWAL_PURGED: trellis_participant_set_withdrawal_purged (self, g_value_get_string (value)); break;
    case PROP_RESEARCH_DATA_PURGED: trellis_participant_set_research_data_purged (self, g_value_get_string (value)); break;
    case PROP_CONTACT_NAME: trellis_participant_set_contact_name (self, g_value_get_string (value)); break;
    case PROP_CONTACT_EMAIL: trellis_participant_set_contact_email (self, g_value_get_string (value)); break;
    case PROP_CONTACT_PHONE: trellis_participant_set_contact_phone (self, g_value_get_string (value)); break;
    case PROP_CONTACT_NOTES: trellis_participant_set_contact_notes (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_participant_class_init (TrellisParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trellis_participant_finalize;
  object_class->get_property = trellis_participant_get_property;
  object_class->set_property = trellis_participant_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_COHORT_ID] =
    g_param_spec_int64 ("cohort-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_COHORT_NAME] =
    g_param_spec_string ("cohort-name", NULL, NULL, NULL, flags);
  properties[PROP_BASELINE_DATE] =
    g_param_spec_string ("baseline-date", NULL, NULL, NULL, flags);
  properties[PROP_LOST_DATE] =
    g_param_spec_string ("lost-date", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] =
    g_param_spec_string ("created", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, 0, TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP, 0, flags);
  properties[PROP_CONSENT_STATE] =
    g_param_spec_int ("consent-state", NULL, NULL, 0, TRELLIS_CONSENT_STATE_RECONSENT_NEEDED, 0, flags);
  properties[PROP_WITHDRAWN] =
    g_param_spec_boolean ("withdrawn", NULL, NULL, FALSE, flags);
  properties[PROP_WITHDRAWAL_KIND] =
    g_param_spec_int ("withdrawal-kind", NULL, NULL, 0, TRELLIS_WITHDRAWAL_DATA_DESTRUCTION, 0, flags);
  properties[PROP_WITHDRAWAL_DATE] =
    g_param_spec_string ("withdrawal-date", NULL, NULL, NULL, flags);
  properties[PROP_WITHDRAWAL_REASON] =
    g_param_spec_string ("withdrawal-reason", NULL, NULL, NULL, flags);
  properties[PROP_WITHDRAWAL_PURGED] =
    g_param_spec_string ("withdrawal-purged", NULL, NULL, NULL, flags);
  properties[PROP_RESEARCH_DATA_PURGED] =
    g_param_spec_string ("research-data-purged", NULL, NULL, NULL, flags);
  properties[PROP_CONTACT_NAME] =
    g_param_spec_string ("contact-name", NULL, NULL, NULL, flags);
  properties[PROP_CONTACT_EMAIL] =
    g_param_spec_string ("contact-email", NULL, NULL, NULL, flags);
  properties[PROP_CONTACT_PHONE] =
    g_param_spec_string ("contact-phone", NULL, NULL, NULL, flags);
  properties[PROP_CONTACT_NOTES] =
    g_param_spec_string ("contact-notes", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENT_STATE_LABEL] =
    g_param_spec_string ("consent-state-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WITHDRAWAL_KIND_LABEL] =
    g_param_spec_string ("withdrawal-kind-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENTS] =
    g_param_spec_object ("consents", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_participant_init (TrellisParticipant *self)
{
  self->consents = g_list_store_new (TRELLIS_TYPE_CONSENT_RECORD);
}

TrellisParticipant *
trellis_participant_new (void)
{
  return g_object_new (TRELLIS_TYPE_PARTICIPANT, NULL);
}

gint64
trellis_participant_get_id (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), 0);
  return self->id;
}

void
trellis_participant_set_id (TrellisParticipant *self,
                            gint64              value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/* The canonical study code, such as P017. */
const char *
trellis_participant_get_code (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->code;
}

void
trellis_participant_set_code (TrellisParticipant *self,
                              const char         *value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (replace_string (&self->code, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

gint64
trellis_participant_get_cohort_id (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), 0);
  return self->cohort_id;
}

void
trellis_participant_set_cohort_id (TrellisParticipant *self,
                                   gint64              value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (self->cohort_id == value)
    return;
  self->cohort_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COHORT_ID]);
}

const char *
trellis_participant_get_cohort_name (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->cohort_name;
}

void
trellis_participant_set_cohort_name (TrellisParticipant *self,
                                     const char         *value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (replace_string (&self->cohort_name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COHORT_NAME]);
}

const char *
trellis_participant_get_baseline_date (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->baseline_date;
}

void
trellis_participant_set_baseline_date (TrellisParticipant *self,
                                       const char         *value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (replace_string (&self->baseline_date, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASELINE_DATE]);
}

/* When the participant was marked lost to follow-up, or NULL. */
const char *
trellis_participant_get_lost_date (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->lost_date;
}

void
trellis_participant_set_lost_date (TrellisParticipant *self,
                                   const char         *value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (replace_string (&self->lost_date, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOST_DATE]);
}

/* When the participant was added, as ISO 8601 UTC. */
const char *
trellis_participant_get_created (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->created;
}

void
trellis_participant_set_created (TrellisParticipant *self,
                                 const char         *value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (replace_string (&self->created, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

/* A TrellisParticipantStatus. */
int
trellis_participant_get_status (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), 0);
  return self->status;
}

void
trellis_participant_set_status (TrellisParticipant *self,
                                int                 value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (self->status == value)
    return;
  self->status = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_LABEL]);
}

/* A TrellisConsentState. */
int
trellis_participant_get_consent_state (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), 0);
  return self->consent_state;
}

void
trellis_participant_set_consent_state (TrellisParticipant *self,
                                       int                 value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (self->consent_state == value)
    return;
  self->consent_state = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_STATE_LABEL]);
}

gboolean
trellis_participant_get_withdrawn (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), FALSE);
  return self->withdrawn;
}

void
trellis_participant_set_withdrawn (TrellisParticipant *self,
                                   gboolean            value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (self->withdrawn == !!value)
    return;
  self->withdrawn = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITHDRAWN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITHDRAWAL_KIND_LABEL]);
}

/* A TrellisWithdrawalType; read only when withdrawn. */
int
trellis_participant_get_withdrawal_kind (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), 0);
  return self->withdrawal_kind;
}

void
trellis_participant_set_withdrawal_kind (TrellisParticipant *self,
                                         int                 value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (self->withdrawal_kind == value)
    return;
  self->withdrawal_kind = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITHDRAWAL_KIND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITHDRAWAL_KIND_LABEL]);
}

const char *
trellis_participant_get_withdrawal_date (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->withdrawal_date;
}

void
trellis_participant_set_withdrawal_date (TrellisParticipant *self,
                                         const char         *value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (replace_string (&self->withdrawal_date, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITHDRAWAL_DATE]);
}

const char *
trellis_participant_get_withdrawal_reason (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->withdrawal_reason;
}

void
trellis_participant_set_withdrawal_reason (TrellisParticipant *self,
                                           const char         *value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (replace_string (&self->withdrawal_reason, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITHDRAWAL_REASON]);
}

/* When the identifiers were purged (ISO 8601 UTC), or NULL. */
const char *
trellis_participant_get_withdrawal_purged (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->withdrawal_purged;
}

void
trellis_participant_set_withdrawal_purged (TrellisParticipant *self,
                                           const char         *value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (replace_string (&self->withdrawal_purged, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITHDRAWAL_PURGED]);
}

/* When the research data was purged with the identifiers (ISO 8601 UTC),
 * under the study's “identifiers and research data” policy, or NULL. */
const char *
trellis_participant_get_research_data_purged (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->research_data_purged;
}

void
trellis_participant_set_research_data_purged (TrellisParticipant *self,
                                              const char         *value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (replace_string (&self->research_data_purged, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESEARCH_DATA_PURGED]);
}

const char *
trellis_participant_get_contact_name (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->contact_name;
}

void
trellis_participant_set_contact_name (TrellisParticipant *self,
                                      const char         *value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (replace_string (&self->contact_name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_NAME]);
}

const char *
trellis_participant_get_contact_email (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->contact_email;
}

void
trellis_participant_set_contact_email (TrellisParticipant *self,
                                       const char         *value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (replace_string (&self->contact_email, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_EMAIL]);
}

const char *
trellis_participant_get_contact_phone (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->contact_phone;
}

void
trellis_participant_set_contact_phone (TrellisParticipant *self,
                                       const char         *value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (replace_string (&self->contact_phone, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_PHONE]);
}

const char *
trellis_participant_get_contact_notes (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->contact_notes;
}

void
trellis_participant_set_contact_notes (TrellisParticipant *self,
                                       const char         *value)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));

  if (replace_string (&self->contact_notes, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_NOTES]);
}

const char *
trellis_participant_get_status_label (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return trellis_participant_status_to_label (self->status);
}

const char *
trellis_participant_get_consent_state_label (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return trellis_consent_state_to_label (self->consent_state);
}

/* The kind of withdrawal in words, or NULL when the participant has not withdrawn. */
const char *
trellis_participant_get_withdrawal_kind_label (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return self->withdrawn ? trellis_withdrawal_type_to_label (self->withdrawal_kind) : NULL;
}

/* The consent history, oldest first, as TrellisConsentRecord objects. */
GListModel *
trellis_participant_get_consents (TrellisParticipant *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), NULL);
  return G_LIST_MODEL (self->consents);
}

/* Replaces the consent history with records (TrellisConsentRecord), in order. */
void
trellis_participant_set_consents (TrellisParticipant *self,
                                  GPtrArray          *records)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));
  g_return_if_fail (records != NULL);

  g_list_store_splice (self->consents, 0, g_list_model_get_n_items (G_LIST_MODEL (self->consents)),
                       records->pdata, records->len);
}

/* The withdrawal as the register's rules take it. */
void
trellis_participant_get_withdrawal_facts (TrellisParticipant     *self,
                                          TrellisWithdrawalFacts *facts)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT (self));
  g_return_if_fail (facts != NULL);

  *facts = (TrellisWithdrawalFacts) { .withdrawn = self->withdrawn, .kind = self->withdrawal_kind };
  g_date_clear (&facts->effective_date, 1);
  if (self->withdrawn && !trellis_date_parse (self->withdrawal_date, &facts->effective_date, NULL))
    g_warn_if_reached ();
}

/* Refuses new data for a withdrawn participant, naming them, the kind of
 * withdrawal and its date. Data entry calls this before it writes. */
gboolean
trellis_participant_check_can_record (TrellisParticipant  *self,
                                      GError             **error)
{
  TrellisWithdrawalFacts facts;

  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), FALSE);

  trellis_participant_get_withdrawal_facts (self, &facts);
  return trellis_register_check_can_record (self->code, &facts, error);
}

/* Refuses scheduling a timepoint or an interview for a withdrawn participant. */
gboolean
trellis_participant_check_can_schedule (TrellisParticipant  *self,
                                        GError             **error)
{
  TrellisWithdrawalFacts facts;

  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (self), FALSE);

  trellis_participant_get_withdrawal_facts (self, &facts);
  return trellis_register_check_can_schedule (self->code, &facts, error);
}
