/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-cohort-store.h"
#include "trellis-consent-store.h"
#include "trellis-participant-store.h"
#include "trellis-profession-store.h"
#include "trellis-study-private.h"
#include "trellis-withdrawal-store.h"

/* The register's side of TrellisStudy: each operation calls its store, which
 * checks the rules and writes the change with its audit row; a saved change
 * then refreshes the cohort and consent version models and emits
 * register-changed. Those models are a few dozen rows, so they are replaced
 * whole, in one items-changed each. */

static void
replace_all (GListStore *store,
             GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

static gboolean
reload_cohorts (TrellisStudy  *self,
                GError       **error)
{
  g_autoptr(GPtrArray) cohorts = trellis_cohort_store_load (trellis_study_get_database (self), error);

  if (cohorts == NULL)
    return FALSE;
  replace_all (trellis_study_get_cohort_store (self), cohorts);
  return TRUE;
}

static gboolean
reload_consent_versions (TrellisStudy  *self,
                         GError       **error)
{
  g_autoptr(GPtrArray) versions = trellis_consent_store_load_versions (trellis_study_get_database (self), error);

  if (versions == NULL)
    return FALSE;
  replace_all (trellis_study_get_consent_version_store (self), versions);
  return TRUE;
}

/* Loads the register's models: when the study is opened, and after every change. */
gboolean
trellis_study_reload_register (TrellisStudy  *self,
                               GError       **error)
{
  return reload_cohorts (self, error) && reload_consent_versions (self, error);
}

/* Every saved change goes through here; see trellis_study_emit_register_changed (). */
static gboolean
register_changed (TrellisStudy *self,
                  gboolean      changed)
{
  if (changed)
    trellis_study_emit_register_changed (self);
  return changed;
}

static gint64
register_added (TrellisStudy *self,
                gint64        id)
{
  if (id != 0)
    trellis_study_emit_register_changed (self);
  return id;
}

GPtrArray *
trellis_study_list_professions (TrellisStudy  *self,
                                GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return trellis_profession_store_names (trellis_study_get_database (self), error);
}

gint64
trellis_study_add_profession (TrellisStudy  *self,
                              const char    *name,
                              GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), 0);
  return register_added (self, trellis_profession_store_add (trellis_study_get_database (self), name, error));
}

/* Renames the profession called name (any case) to new_name. */
gboolean
trellis_study_rename_profession (TrellisStudy  *self,
                                 const char    *name,
                                 const char    *new_name,
                                 GError       **error)
{
  TrellisDatabase *db;
  gint64 id;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  g_return_val_if_fail (name != NULL && new_name != NULL, FALSE);

  db = trellis_study_get_database (self);
  if ((id = trellis_profession_store_lookup (db, name, error)) == 0)
    return FALSE;
  return register_changed (self, trellis_profession_store_rename (db, id, new_name, error));
}

/* The cohorts (TrellisCohort), open ones first, each group by name. */
GListModel *
trellis_study_get_cohorts (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return G_LIST_MODEL (trellis_study_get_cohort_store (self));
}

gboolean
trellis_study_create_cohort (TrellisStudy   *self,
                             TrellisCohort  *cohort,
                             GError        **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_cohort_store_create (trellis_study_get_database (self), cohort, error));
}

gboolean
trellis_study_update_cohort (TrellisStudy   *self,
                             TrellisCohort  *cohort,
                             GError        **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_cohort_store_update (trellis_study_get_database (self), cohort, error));
}

gboolean
trellis_study_set_cohort_archived (TrellisStudy  *self,
                                   gint64         cohort_id,
                                   gboolean       archived,
                                   GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_cohort_store_set_archived (trellis_study_get_database (self),
                                                                   cohort_id, archived, error));
}

gboolean
trellis_study_delete_cohort (TrellisStudy  *self,
                             gint64         cohort_id,
                             GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_cohort_store_delete (trellis_study_get_database (self), cohort_id, error));
}

/* Adds a participant and returns the new id, or 0 with an error. A NULL or
 * blank code is generated from the study's code pattern. */
gint64
trellis_study_add_participant (TrellisStudy  *self,
                               const char    *code,
                               gint64         cohort_id,
                               const char    *baseline_date,
                               GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), 0);
  return register_added (self, trellis_participant_store_add (trellis_study_get_database (self), code,
                                                              cohort_id, baseline_date, error));
}

/* Adds a participant with their contact details in one change: a refused
 * detail leaves no participant behind. */
gint64
trellis_study_add_participant_with_contact (TrellisStudy  *self,
                                            const char    *code,
                                            gint64         cohort_id,
                                            const char    *baseline_date,
                                            const char    *name,
                                            const char    *email,
                                            const char    *phone,
                                            const char    *notes,
                                            GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), 0);
  return register_added (self, trellis_participant_store_add_with_contact (trellis_study_get_database (self), code,
                                                                           cohort_id, baseline_date, name, email,
                                                                           phone, notes, error));
}

gboolean
trellis_study_update_participant (TrellisStudy  *self,
                                  gint64         participant_id,
                                  gint64         cohort_id,
                                  const char    *baseline_date,
                                  GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_participant_store_update (trellis_study_get_database (self), participant_id,
                                                                  cohort_id, baseline_date, error));
}

/* Changes the cohort, baseline date and contact details in one change. */
gboolean
trellis_study_update_participant_with_contact (TrellisStudy  *self,
                                               gint64         participant_id,
                                               gint64         cohort_id,
                                               const char    *baseline_date,
                                               const char    *name,
                                               const char    *email,
                                               const char    *phone,
                                               const char    *notes,
                                               GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_participant_store_update_with_contact (trellis_study_get_database (self),
                                                                                participant_id, cohort_id,
                                                                                baseline_date, name, email, phone,
                                                                                notes, error));
}

gboolean
trellis_study_set_participant_contact (TrellisStudy  *self,
                                       gint64         participant_id,
                                       const char    *name,
                                       const char    *email,
                                       const char    *phone,
                                       const char    *notes,
                                       GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_participant_store_set_contact (trellis_study_get_database (self),
                                                                        participant_id, name, email, phone,
                                                                        notes, error));
}

gboolean
trellis_study_set_participant_lost (TrellisStudy  *self,
                                    gint64         participant_id,
                                    const char    *lost_date,
                                    GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_participant_store_set_lost (trellis_study_get_database (self),
                                                                     participant_id, lost_date, error));
}

gint64
trellis_study_lookup_participant (TrellisStudy  *self,
                                  const char    *code,
                                  GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), 0);
  return trellis_participant_store_lookup (trellis_study_get_database (self), code, error);
}

/* One participant in full, for their card. */
TrellisParticipant *
trellis_study_get_participant (TrellisStudy  *self,
                               gint64         participant_id,
                               GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return trellis_participant_store_load (trellis_study_get_database (self), participant_id, error);
}

/* The code the study's pattern gives the next participant added without one. */
char *
trellis_study_next_participant_code (TrellisStudy  *self,
                                     GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return trellis_participant_store_next_code (trellis_study_get_database (self), error);
}

/* The information sheet versions (TrellisConsentVersion), oldest first. */
GListModel *
trellis_study_get_consent_versions (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return G_LIST_MODEL (trellis_study_get_consent_version_store (self));
}

gboolean
trellis_study_add_consent_version (TrellisStudy           *self,
                                   TrellisConsentVersion  *version,
                                   GError                **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_consent_store_add_version (trellis_study_get_database (self),
                                                                    version, error));
}

gboolean
trellis_study_update_consent_version (TrellisStudy           *self,
                                      TrellisConsentVersion  *version,
                                      GError                **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_consent_store_update_version (trellis_study_get_database (self),
                                                                       version, error));
}

/* Records a consent and returns its id, or 0 with an error. */
gint64
trellis_study_record_consent (TrellisStudy  *self,
                              gint64         participant_id,
                              gint64         version_id,
                              const char    *consent_date,
                              const char    *taken_by,
                              GHashTable    *answers,
                              GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), 0);
  return register_added (self, trellis_consent_store_record (trellis_study_get_database (self), participant_id,
                                                             version_id, consent_date, taken_by, answers, error));
}

/* The ids of the participants who need to consent again, by code. */
GArray *
trellis_study_list_reconsent_needed (TrellisStudy  *self,
                                     GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return trellis_consent_store_reconsent_needed (trellis_study_get_database (self), error);
}

/* Records a withdrawal and returns its id, or 0 with an error. */
gint64
trellis_study_record_withdrawal (TrellisStudy           *self,
                                 gint64                  participant_id,
                                 TrellisWithdrawalType   kind,
                                 const char             *effective_date,
                                 const char             *reason,
                                 GError                **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), 0);
  return register_added (self, trellis_withdrawal_store_record (trellis_study_get_database (self), participant_id,
                                                                kind, effective_date, reason, error));
}

/* See trellis_withdrawal_store_purge (): *log_cleared FALSE means the purge is
 * saved but another program still holds old copies in the write-ahead log. */
gboolean
trellis_study_purge_participant (TrellisStudy  *self,
                                 gint64         participant_id,
                                 const char    *reason,
                                 gboolean      *log_cleared,
                                 GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_withdrawal_store_purge (trellis_study_get_database (self), participant_id,
                                                                 reason, log_cleared, error));
}

char *
trellis_study_get_code_pattern (TrellisStudy  *self,
                                GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return trellis_study_store_get_code_pattern (trellis_study_get_database (self), error);
}

gboolean
trellis_study_set_code_pattern (TrellisStudy  *self,
                                const char    *pattern,
                                GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_study_store_set_code_pattern (trellis_study_get_database (self),
                                                                       pattern, error));
}

gboolean
trellis_study_get_withdrawal_types (TrellisStudy  *self,
                                    guint         *types,
                                    GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return trellis_study_store_get_withdrawal_types (trellis_study_get_database (self), types, error);
}

gboolean
trellis_study_set_withdrawal_types (TrellisStudy  *self,
                                    guint          types,
                                    GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_study_store_set_withdrawal_types (trellis_study_get_database (self),
                                                                           types, error));
}

gboolean
trellis_study_get_destruction_policy (TrellisStudy              *self,
                                      TrellisDestructionPolicy  *policy,
                                      GError                   **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return trellis_study_store_get_destruction_policy (trellis_study_get_database (self), policy, error);
}

gboolean
trellis_study_set_destruction_policy (TrellisStudy              *self,
                                      TrellisDestructionPolicy   policy,
                                      GError                   **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return register_changed (self, trellis_study_store_set_destruction_policy (trellis_study_get_database (self),
                                                                             policy, error));
}
