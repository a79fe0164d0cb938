/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-date.h"
#include "trellis-domain-error.h"
#include "trellis-register-rules.h"

/* The rules of the coordinator's register, as plain functions over values, so
 * that every store, the importer and the pages apply the same ones and the
 * tests can reach each rule without a study file. */

/* Parses the study's comma list of enabled withdrawal kinds into bits. An
 * empty list is allowed: a study whose sheet offers no kind of withdrawal. */
gboolean
trellis_withdrawal_types_parse (const char  *list,
                                guint       *types,
                                GError     **error)
{
  g_auto(GStrv) words = NULL;
  guint bits = 0;

  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (types != NULL, FALSE);

  words = g_strsplit (list, ",", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      TrellisWithdrawalType kind;
      char *word = g_strstrip (words[i]);

      if (*word == '\0')
        continue;
      if (!trellis_withdrawal_type_from_string (word, &kind, error))
        return FALSE;
      bits |= 1u << kind;
    }
  *types = bits;
  return TRUE;
}

/* The comma list stored in the study file, in escalation order. */
char *
trellis_withdrawal_types_format (guint types)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  for (guint kind = TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT; kind <= TRELLIS_WITHDRAWAL_DATA_DESTRUCTION; kind++)
    if (types & (1u << kind))
      g_ptr_array_add (words, (gpointer) trellis_withdrawal_type_to_string (kind));
  g_ptr_array_add (words, NULL);
  return g_strjoinv (",", (char **) words->pdata);
}

/* A consent is given on a particular information sheet, so it cannot predate
 * the sheet: that would mean the person agreed to text not yet written. */
gboolean
trellis_register_check_consent_date (const GDate  *consent_date,
                                     const GDate  *version_date,
                                     const char   *version_label,
                                     GError      **error)
{
  g_autofree char *consent = NULL;
  g_autofree char *version = NULL;

  g_return_val_if_fail (consent_date != NULL && version_date != NULL, FALSE);

  if (g_date_compare (consent_date, version_date) >= 0)
    return TRUE;

  consent = trellis_date_format (consent_date);
  version = trellis_date_format (version_date);
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
               _("Consent dated %s is before information sheet “%s”, dated %s"),
               consent, version_label, version);
  return FALSE;
}

/* A consent dated after the participant withdrew is refused: they have left,
 * and a new consent would quietly undo their decision. A consent dated on or
 * before the withdrawal (a paper form entered late) is still accepted. */
gboolean
trellis_register_check_consent_not_withdrawn (const char                   *code,
                                              const GDate                  *consent_date,
                                              const TrellisWithdrawalFacts *withdrawal,
                                              GError                      **error)
{
  g_autofree char *consent = NULL;
  g_autofree char *withdrawn = NULL;

  g_return_val_if_fail (consent_date != NULL, FALSE);

  if (withdrawal == NULL || !withdrawal->withdrawn ||
      g_date_compare (consent_date, &withdrawal->effective_date) <= 0)
    return TRUE;

  consent = trellis_date_format (consent_date);
  withdrawn = trellis_date_format (&withdrawal->effective_date);
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
               _("%s withdrew on %s (%s), so no consent dated %s can be recorded for them"),
               code, withdrawn, trellis_withdrawal_type_to_label (withdrawal->kind), consent);
  return FALSE;
}

static gboolean
is_clause (const char *const *clause_keys,
           const char        *key)
{
  return g_strv_contains (clause_keys, key);
}

/* A consent answers every clause of its sheet, and nothing else: a missing
 * answer would be read as a "no" nobody gave, an extra one as a "yes" to a
 * question the person was never asked. */
gboolean
trellis_register_check_answers (const char *const  *clause_keys,
                                GHashTable         *answers,
                                const char         *version_label,
                                GError            **error)
{
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (clause_keys != NULL && answers != NULL, FALSE);

  for (guint i = 0; clause_keys[i] != NULL; i++)
    if (!g_hash_table_contains (answers, clause_keys[i]))
      {
        g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                     _("The consent has no answer for clause “%s” of information sheet “%s”"),
                     clause_keys[i], version_label);
        return FALSE;
      }

  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!is_clause (clause_keys, key))
      {
        g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                     _("The consent answers clause “%s”, which information sheet “%s” does not have"),
                     (const char *) key, version_label);
        return FALSE;
      }
  return TRUE;
}

/* A study offers only the kinds of withdrawal its information sheet names. */
gboolean
trellis_register_check_withdrawal_enabled (TrellisWithdrawalType   kind,
                                           guint                   enabled_types,
                                           GError                **error)
{
  if (enabled_types & (1u << kind))
    return TRUE;

  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
               _("This study does not offer the withdrawal “%s”; its settings list the kinds its information sheet offers"),
               trellis_withdrawal_type_to_label (kind));
  return FALSE;
}

/* A second withdrawal may only go further than the first (no further
 * contact, then no further data, then data destruction), and not be dated
 * before it: a withdrawal is never taken back or softened, because the
 * participant's earlier decision already bound the team. */
gboolean
trellis_register_check_withdrawal_escalates (const char                   *code,
                                             const TrellisWithdrawalFacts *previous,
                                             TrellisWithdrawalType         kind,
                                             const GDate                  *effective_date,
                                             GError                      **error)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (effective_date != NULL, FALSE);

  if (previous == NULL || !previous->withdrawn)
    return TRUE;

  when = trellis_date_format (&previous->effective_date);
  if (kind <= previous->kind)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
                   _("%s already withdrew on %s (%s); a later withdrawal can only go further than that, not “%s”"),
                   code, when, trellis_withdrawal_type_to_label (previous->kind),
                   trellis_withdrawal_type_to_label (kind));
      return FALSE;
    }
  if (g_date_compare (effective_date, &previous->effective_date) < 0)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
                   _("%s already withdrew on %s (%s); a further withdrawal cannot be dated before that"),
                   code, when, trellis_withdrawal_type_to_label (previous->kind));
      return FALSE;
    }
  return TRUE;
}

/* A withdrawal withdraws the consent in force, which is the participant's
 * latest, so it cannot be dated before that: a withdrawal dated between two
 * consents would be quietly undone by the later one. last_consent is cleared
 * when there is none, and someone never consented may still ask to be left
 * alone. */
gboolean
trellis_register_check_withdrawal_date (const char   *code,
                                        const GDate  *last_consent,
                                        const GDate  *effective_date,
                                        GError      **error)
{
  g_autofree char *consented = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (last_consent != NULL && effective_date != NULL, FALSE);

  if (!g_date_valid (last_consent) || g_date_compare (effective_date, last_consent) >= 0)
    return TRUE;

  consented = trellis_date_format (last_consent);
  when = trellis_date_format (effective_date);
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
               _("%s last consented on %s, so a withdrawal cannot take effect on %s, before that"),
               code, consented, when);
  return FALSE;
}

/* Data entry: every kind of withdrawal stops new data (see
 * trellis_withdrawal_blocks_data_entry), whatever the date of the data. */
gboolean
trellis_register_check_can_record (const char                   *code,
                                   const TrellisWithdrawalFacts *withdrawal,
                                   GError                      **error)
{
  g_autofree char *when = NULL;

  if (withdrawal == NULL || !withdrawal->withdrawn ||
      !trellis_withdrawal_blocks_data_entry (withdrawal->kind))
    return TRUE;

  when = trellis_date_format (&withdrawal->effective_date);
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
               _("%s withdrew on %s (%s): no new data can be recorded for them"),
               code, when, trellis_withdrawal_type_to_label (withdrawal->kind));
  return FALSE;
}

/* Contact details after a withdrawal. @withdrawal is the withdrawal that
 * governs contact (the latest one, or an earlier “no further contact” that a
 * later withdrawal only went further than). After data destruction was
 * requested no contact details may be kept at all: the person asked for
 * their identifiers to go, and the purge removes them. After “no further
 * contact” the details held may be corrected away (cleared), but no new ones
 * added: new details exist only to contact someone who asked not to be.
 * @keeps_details: any field would be filled after the change; @adds_details:
 * a field would get a value it did not have before. */
gboolean
trellis_register_check_contact_change (const char                   *code,
                                       const TrellisWithdrawalFacts *withdrawal,
                                       gboolean                      keeps_details,
                                       gboolean                      adds_details,
                                       GError                      **error)
{
  g_autofree char *when = NULL;

  if (withdrawal == NULL || !withdrawal->withdrawn)
    return TRUE;

  when = trellis_date_format (&withdrawal->effective_date);
  if (withdrawal->kind == TRELLIS_WITHDRAWAL_DATA_DESTRUCTION && keeps_details)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s asked on %s for their data to be destroyed: no contact details can be kept for them"),
                   code, when);
      return FALSE;
    }
  if (trellis_withdrawal_blocks_contact (withdrawal->kind) && adds_details)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s asked on %s not to be contacted again: their contact details can be cleared, but no new ones added"),
                   code, when);
      return FALSE;
    }
  return TRUE;
}

/* Scheduling a timepoint or an interview is arranging to collect new data,
 * which no kind of withdrawal allows. */
gboolean
trellis_register_check_can_schedule (const char                   *code,
                                     const TrellisWithdrawalFacts *withdrawal,
                                     GError                      **error)
{
  g_autofree char *when = NULL;

  if (withdrawal == NULL || !withdrawal->withdrawn)
    return TRUE;

  when = trellis_date_format (&withdrawal->effective_date);
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
               _("%s withdrew on %s (%s): nothing more can be scheduled for them"),
               code, when, trellis_withdrawal_type_to_label (withdrawal->kind));
  return FALSE;
}
