/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "trellis-cohort-dialog.h"
#include "trellis-cohorts-page.h"
#include "trellis-consent-clause.h"
#include "trellis-consent-page.h"
#include "trellis-consent-version-dialog.h"
#include "trellis-register-settings.h"
#include "ui-test-utils.h"

/* The Cohorts and Consent pages in the real window: dialogs filled in by
 * typing into their entries, the archive and delete rules, information sheet
 * versions, the reconsent list and the register settings. */

static TrellisCohortsPage *
cohorts_page (TrellisWindow *window)
{
  return TRELLIS_COHORTS_PAGE (trellis_study_view_ensure_page (study_view (window), "cohorts"));
}

static TrellisConsentPage *
consent_page (TrellisWindow *window)
{
  return TRELLIS_CONSENT_PAGE (trellis_study_view_ensure_page (study_view (window), "consent"));
}

static gpointer
cohorts_child (TrellisWindow *window,
               const char    *name)
{
  return child (cohorts_page (window), TRELLIS_TYPE_COHORTS_PAGE, name);
}

static gpointer
consent_child (TrellisWindow *window,
               const char    *name)
{
  return child (consent_page (window), TRELLIS_TYPE_CONSENT_PAGE, name);
}

static const char *
stack_page (gpointer stack)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static TrellisWindow *
new_study_window (Fixture    *fixture,
                  const char *name,
                  int         width,
                  int         height)
{
  g_autofree char *path = temp_path (fixture, name);
  TrellisWindow *window = activate_app (fixture);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.create", "s", path);
  iterate_for (100);
  g_assert_nonnull (trellis_window_get_study (window));
  return window;
}

/* Other dialogs send a person to a page through study.show-page. */
static void
show_page (TrellisWindow *window,
           const char    *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (study_view (window)), "study.show-page", "s", name));
  iterate_for (200);
  g_assert_cmpstr (trellis_study_view_get_page (study_view (window)), ==, name);
}

/* Types TEXT into an entry row's text field as a person would, a character
 * at a time, after selecting whatever it held. */
static void
type_into (gpointer    row,
           const char *text)
{
  GtkWidget *field = find_descendant (GTK_WIDGET (row), GTK_TYPE_TEXT, NULL);
  int position = 0;

  g_assert_nonnull (field);
  gtk_widget_grab_focus (field);
  gtk_editable_delete_text (GTK_EDITABLE (field), 0, -1);
  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    gtk_editable_insert_text (GTK_EDITABLE (field), c, g_utf8_next_char (c) - c, &position);
  iterate_for (20);
}

static void
click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  gtk_widget_activate (GTK_WIDGET (button));
  /* An activated button shows itself pressed for a moment before it reports the click. */
  iterate_for (400);
}

static guint
find_string (GtkStringList *list,
             const char    *string)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), string) == 0)
      return i;
  g_assert_not_reached ();
}

static TrellisCohort *
cohort_at (TrellisWindow *window,
           guint          position)
{
  GListModel *cohorts = trellis_study_get_cohorts (trellis_window_get_study (window));

  g_assert_cmpuint (position, <, g_list_model_get_n_items (cohorts));
  return g_list_model_get_item (cohorts, position);
}

static guint
shown_cohorts (TrellisWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (cohorts_child (window, "filter_model")));
}

static gint64
add_cohort (TrellisStudy *study,
            const char   *name,
            const char   *profession)
{
  g_autoptr(TrellisCohort) cohort = trellis_cohort_new ();
  g_autoptr(GError) error = NULL;

  trellis_cohort_set_name (cohort, name);
  trellis_cohort_set_profession (cohort, profession);
  trellis_cohort_set_site (cohort, "St Mary's, Leeds");
  trellis_cohort_set_start_date (cohort, "2024-01-15");
  g_assert_true (trellis_study_create_cohort (study, cohort, &error));
  g_assert_no_error (error);
  return trellis_cohort_get_id (cohort);
}

static gint64
add_participant (TrellisStudy *study,
                 gint64        cohort_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = trellis_study_add_participant (study, NULL, cohort_id, "2024-02-01", &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* ---- Cohorts ---- */

static GtkWindow *
open_cohort_dialog (TrellisWindow *window,
                    const char    *action,
                    GVariant      *target)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (cohorts_page (window)), action, target));
  iterate_for (200);
  dialog = find_toplevel_of_type (TRELLIS_TYPE_COHORT_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

static gpointer
dialog_child (GtkWindow  *dialog,
              const char *name)
{
  return child (dialog, G_OBJECT_TYPE (dialog), name);
}

/* A profession missing from the list is added from the dialog itself. */
static void
add_profession_in (GtkWindow *dialog)
{
  GtkStringList *professions = dialog_child (dialog, "professions");
  AdwComboRow *profession_row = dialog_child (dialog, "profession_row");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (professions));

  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "new_profession_row")));
  adw_combo_row_set_selected (profession_row, n - 1);
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "new_profession_row")));
  g_assert_false (gtk_widget_is_sensitive (dialog_child (dialog, "save_button")));
  type_into (dialog_child (dialog, "new_profession_row"), "Health visitor");
  g_signal_emit_by_name (dialog_child (dialog, "new_profession_row"), "apply");
  iterate_for (50);
  g_assert_cmpuint (adw_combo_row_get_selected (profession_row), ==, find_string (professions, "Health visitor"));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "new_profession_row")));
}

/* The pencil beside the profession renames the chosen one in the study's
 * list; a name already there is refused in words, and nothing changes. */
static void
rename_profession_in (TrellisWindow *window,
                      GtkWindow     *dialog)
{
  GtkStringList *professions = dialog_child (dialog, "professions");
  AdwComboRow *profession_row = dialog_child (dialog, "profession_row");
  AdwEntryRow *rename_row = dialog_child (dialog, "rename_profession_row");
  GtkLabel *error_label = dialog_child (dialog, "error_label");
  g_autoptr(GPtrArray) names = NULL;

  adw_combo_row_set_selected (profession_row, find_string (professions, "Mammographer"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (rename_row)));
  gtk_toggle_button_set_active (dialog_child (dialog, "rename_profession_button"), TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (rename_row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rename_row)), ==, "Rename “Mammographer” To");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rename_row)), ==, "Mammographer");
  save_screenshot (GTK_WIDGET (dialog), "cohort-dialog-rename-profession");

  type_into (rename_row, "health VISITOR");
  g_signal_emit_by_name (rename_row, "apply");
  iterate_for (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==, "There is already a profession called “Health visitor”");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (rename_row)));

  type_into (rename_row, "Mammographer (breast screening)");
  g_signal_emit_by_name (rename_row, "apply");
  iterate_for (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (rename_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpuint (adw_combo_row_get_selected (profession_row), ==,
                    find_string (professions, "Mammographer (breast screening)"));
  names = trellis_study_list_professions (trellis_window_get_study (window), NULL);
  g_assert_true (g_ptr_array_find_with_equal_func (names, "Mammographer (breast screening)", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (names, "Mammographer", g_str_equal, NULL));
  adw_combo_row_set_selected (profession_row, find_string (professions, "Health visitor"));
}

/* The new cohort's form: an impossible start date is pointed out as it is
 * typed, and the cohort cannot be created until it is put right. */
static void
create_cohort_through_dialog (TrellisWindow *window)
{
  GtkWindow *dialog = open_cohort_dialog (window, "cohorts.new", NULL);
  GtkLabel *date_error = dialog_child (dialog, "date_error_label");

  type_into (dialog_child (dialog, "name_row"), "Health visitors, Leeds");
  add_profession_in (dialog);
  rename_profession_in (window, dialog);
  type_into (dialog_child (dialog, "site_row"), "Leeds General");
  type_into (dialog_child (dialog, "start_date_row"), "2024-02-30");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (date_error)));
  g_assert_nonnull (strstr (gtk_label_get_text (date_error), "2024-02-30"));
  g_assert_true (gtk_widget_has_css_class (dialog_child (dialog, "start_date_row"), "error"));
  g_assert_false (gtk_widget_is_sensitive (dialog_child (dialog, "save_button")));
  save_screenshot (GTK_WIDGET (dialog), "cohort-dialog");

  type_into (dialog_child (dialog, "start_date_row"), "2024-03-01");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (date_error)));
  click (dialog_child (dialog, "save_button"));
  g_assert_null (find_toplevel_of_type (TRELLIS_TYPE_COHORT_DIALOG));
}

static void
assert_first_cohort (TrellisWindow *window,
                     const char    *name)
{
  g_autoptr(TrellisCohort) cohort = cohort_at (window, 0);

  g_assert_cmpstr (trellis_cohort_get_name (cohort), ==, name);
  g_assert_cmpstr (trellis_cohort_get_profession (cohort), ==, "Health visitor");
  g_assert_cmpstr (trellis_cohort_get_site (cohort), ==, "Leeds General");
  g_assert_cmpstr (trellis_cohort_get_start_date (cohort), ==, "2024-03-01");
}

static void
rename_cohort (TrellisWindow *window,
               gint64         id)
{
  GtkWindow *dialog = open_cohort_dialog (window, "cohorts.edit", g_variant_new_int64 (id));

  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "name_row")), ==, "Health visitors, Leeds");
  type_into (dialog_child (dialog, "name_row"), "Health visitors, Leeds 2024");
  click (dialog_child (dialog, "save_button"));
  g_assert_null (find_toplevel_of_type (TRELLIS_TYPE_COHORT_DIALOG));
  assert_first_cohort (window, "Health visitors, Leeds 2024");
}

static AdwMessageDialog *
ask_to_delete (TrellisWindow *window,
               gint64         id)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cohorts_page (window)), "cohorts.delete", "x", id));
  iterate_for (100);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

/* A cohort with participants is refused in the study's own words, with
 * Archive offered instead; an empty one is deleted once confirmed. */
static void
check_delete_rules (TrellisWindow *window,
                    gint64         with_participants,
                    gint64         empty)
{
  AdwMessageDialog *dialog = ask_to_delete (window, with_participants);
  guint before = shown_cohorts (window);

  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Cohort “Paramedics” cannot be deleted: it has 2 participants. Archive it instead.");
  g_assert_false (adw_message_dialog_has_response (dialog, "delete"));
  g_assert_true (adw_message_dialog_has_response (dialog, "archive"));
  respond (dialog, "archive");
  g_assert_cmpuint (shown_cohorts (window), ==, before - 1);
  g_assert_true (gtk_widget_get_visible (cohorts_child (window, "archived_toggle")));

  dialog = ask_to_delete (window, empty);
  g_assert_true (adw_message_dialog_has_response (dialog, "delete"));
  respond (dialog, "delete");
  g_assert_cmpuint (shown_cohorts (window), ==, before - 2);
  g_assert_cmpuint (g_list_model_get_n_items (trellis_study_get_cohorts (trellis_window_get_study (window))), ==, 3);
}

static void
check_archive (TrellisWindow *window,
               gint64         id)
{
  g_autoptr(TrellisCohort) first = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cohorts_page (window)), "cohorts.archive", "x", id));
  iterate_for (50);
  g_assert_cmpuint (shown_cohorts (window), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cohorts_page (window)), "cohorts.unarchive", "x", id));
  iterate_for (50);
  g_assert_cmpuint (shown_cohorts (window), ==, 2);
  first = cohort_at (window, 0);
  g_assert_false (trellis_cohort_get_archived (first));

  gtk_toggle_button_set_active (cohorts_child (window, "archived_toggle"), TRUE);
  iterate_for (50);
  g_assert_cmpuint (shown_cohorts (window), ==, 3);
}

static void
test_cohorts (Fixture       *fixture,
              gconstpointer  data)
{
  TrellisWindow *window = new_study_window (fixture, "Cohorts.trellis", 1280, 800);
  TrellisStudy *study = trellis_window_get_study (window);
  gint64 paramedics, spare, created;
  g_autoptr(TrellisCohort) first = NULL;

  show_page (window, "cohorts");
  g_assert_cmpstr (stack_page (cohorts_child (window, "stack")), ==, "empty");
  save_screenshot (GTK_WIDGET (window), "cohorts-empty");

  create_cohort_through_dialog (window);
  g_assert_cmpstr (stack_page (cohorts_child (window, "stack")), ==, "list");
  assert_first_cohort (window, "Health visitors, Leeds");
  first = cohort_at (window, 0);
  created = trellis_cohort_get_id (first);
  rename_cohort (window, created);

  paramedics = add_cohort (study, "Paramedics", "Paramedic");
  add_participant (study, paramedics);
  add_participant (study, paramedics);
  add_participant (study, add_cohort (study, "Sonographers", "Sonographer"));
  spare = add_cohort (study, "Spare", "Other");
  g_assert_cmpuint (shown_cohorts (window), ==, 4);
  g_assert_false (gtk_widget_get_visible (cohorts_child (window, "archived_toggle")));

  check_delete_rules (window, paramedics, spare);
  check_archive (window, created);
  g_assert_cmpstr (gtk_label_get_text (cohorts_child (window, "count_label")), ==, "3 cohorts, 1 archived");
  save_screenshot (GTK_WIDGET (window), "cohorts");
}

/* ---- Consent ---- */

static GtkWindow *
open_version_dialog (TrellisWindow *window,
                     const char    *action,
                     GVariant      *target)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (consent_page (window)), action, target));
  iterate_for (200);
  dialog = find_toplevel_of_type (TRELLIS_TYPE_CONSENT_VERSION_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

static const char *clause_key;

static gboolean
is_clause_row (GtkWidget *widget)
{
  return g_strcmp0 (gtk_widget_get_name (widget), clause_key) == 0;
}

static GtkSwitch *
clause_switch (GtkWindow  *dialog,
               const char *key)
{
  GtkWidget *row;
  GtkWidget *found;

  clause_key = key;
  row = find_descendant (dialog_child (dialog, "clauses_group"), ADW_TYPE_ACTION_ROW, is_clause_row);
  g_assert_nonnull (row);
  found = find_descendant (row, GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (found);
  return GTK_SWITCH (found);
}

/* The standard clauses come switched on; taking part cannot be switched off. */
static void
add_version_through_dialog (TrellisWindow *window,
                            const char    *label,
                            const char    *date,
                            gboolean       reconsent,
                            const char    *screenshot)
{
  GtkWindow *dialog = open_version_dialog (window, "consent.new-version", NULL);
  guint n_clauses;

  trellis_consent_clause_get_defaults (&n_clauses);
  g_assert_cmpuint (n_clauses, ==, 6);
  g_assert_true (gtk_switch_get_active (clause_switch (dialog, "interview")));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (clause_switch (dialog, "take_part"))));
  type_into (dialog_child (dialog, "label_row"), label);
  type_into (dialog_child (dialog, "date_row"), "2024-13-01");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "date_error_label")));
  g_assert_false (gtk_widget_is_sensitive (dialog_child (dialog, "save_button")));
  type_into (dialog_child (dialog, "date_row"), date);
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "date_error_label")));
  gtk_switch_set_active (clause_switch (dialog, "video"), FALSE);
  gtk_switch_set_active (dialog_child (dialog, "reconsent_switch"), reconsent);
  if (screenshot != NULL)
    save_screenshot (GTK_WIDGET (dialog), screenshot);
  click (dialog_child (dialog, "save_button"));
  g_assert_null (find_toplevel_of_type (TRELLIS_TYPE_CONSENT_VERSION_DIALOG));
}

static TrellisConsentVersion *
version_at (TrellisWindow *window,
            guint          position)
{
  return g_list_model_get_item (trellis_study_get_consent_versions (trellis_window_get_study (window)), position);
}

/* Yes to every clause of VERSION. */
static void
consent (TrellisStudy          *study,
         gint64                 participant,
         TrellisConsentVersion *version)
{
  const char *const *keys = trellis_consent_version_get_clause_keys (version);
  g_autoptr(GHashTable) answers = trellis_consent_answers_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  for (guint i = 0; keys[i] != NULL; i++)
    trellis_consent_answers_set (answers, keys[i], TRUE);
  id = trellis_study_record_consent (study, participant, trellis_consent_version_get_id (version), "2024-01-10",
                                     "J. Hart", answers, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

/* Three people consent on the first sheet; the third then withdraws. */
static void
consent_on_first_version (TrellisWindow *window,
                          gint64         participants[3])
{
  TrellisStudy *study = trellis_window_get_study (window);
  g_autoptr(TrellisConsentVersion) first = version_at (window, 0);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (trellis_consent_version_get_label (first), ==, "Sheet 1.0");
  g_assert_cmpuint (trellis_consent_version_get_n_clauses (first), ==, 5);
  g_assert_false (g_strv_contains (trellis_consent_version_get_clause_keys (first), "video"));
  for (guint i = 0; i < 3; i++)
    consent (study, participants[i], first);
  g_assert_cmpint (trellis_study_record_withdrawal (study, participants[2], TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
                                                    "2024-02-01", "Moved away", &error), >, 0);
  g_assert_no_error (error);
}

static void
assert_reconsent_codes (TrellisWindow     *window,
                        const char *const *codes)
{
  GtkColumnView *view = consent_child (window, "reconsent_view");
  GListModel *entries = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(GArray) ids = trellis_study_list_reconsent_needed (trellis_window_get_study (window), NULL);
  guint n = g_strv_length ((char **) codes);
  g_autofree char *badge = g_strdup_printf ("%u", n);

  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, n);
  g_assert_cmpuint (ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrellisReconsentEntry) entry = g_list_model_get_item (entries, i);

      g_assert_cmpint (trellis_reconsent_entry_get_participant_id (entry), ==, g_array_index (ids, gint64, i));
      g_assert_cmpstr (trellis_reconsent_entry_get_code (entry), ==, codes[i]);
      g_assert_cmpstr (trellis_reconsent_entry_get_cohort (entry), ==, "Midwives");
      g_assert_cmpstr (trellis_reconsent_entry_get_version_label (entry), ==, "Sheet 1.0");
    }
  g_assert_cmpstr (gtk_label_get_text (consent_child (window, "reconsent_badge")), ==, badge);
  g_assert_cmpint (gtk_widget_get_visible (consent_child (window, "nobody_row")), ==, n == 0);
}

/* Consents given on a version fix its date and clauses, not its label. */
static void
edit_first_version (TrellisWindow *window)
{
  g_autoptr(TrellisConsentVersion) first = version_at (window, 0);
  g_autoptr(TrellisConsentVersion) renamed = NULL;
  GtkWindow *dialog = open_version_dialog (window, "consent.edit-version",
                                           g_variant_new_int64 (trellis_consent_version_get_id (first)));

  g_assert_false (gtk_widget_is_sensitive (dialog_child (dialog, "date_row")));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (clause_switch (dialog, "interview"))));
  type_into (dialog_child (dialog, "label_row"), "Sheet 1.0 (January)");
  click (dialog_child (dialog, "save_button"));
  renamed = version_at (window, 0);
  g_assert_cmpstr (trellis_consent_version_get_label (renamed), ==, "Sheet 1.0 (January)");
}

static void
test_consent (Fixture       *fixture,
              gconstpointer  data)
{
  static const char *const nobody[] = { NULL };
  static const char *const first_two[] = { "P001", "P002", NULL };
  TrellisWindow *window = new_study_window (fixture, "Consent.trellis", 1280, 800);
  TrellisStudy *study = trellis_window_get_study (window);
  gint64 midwives = add_cohort (study, "Midwives", "Midwife");
  gint64 participants[3];

  for (guint i = 0; i < G_N_ELEMENTS (participants); i++)
    participants[i] = add_participant (study, midwives);
  show_page (window, "consent");
  g_assert_true (gtk_widget_get_visible (consent_child (window, "empty_page")));
  save_screenshot (GTK_WIDGET (window), "consent-empty");

  add_version_through_dialog (window, "Sheet 1.0", "2024-01-01", FALSE, NULL);
  consent_on_first_version (window, participants);
  g_assert_false (gtk_widget_get_visible (consent_child (window, "empty_page")));
  assert_reconsent_codes (window, nobody);
  save_screenshot (GTK_WIDGET (window), "consent");

  add_version_through_dialog (window, "Sheet 2.0", "2024-06-01", TRUE, "consent-version-dialog");
  assert_reconsent_codes (window, first_two);
  save_screenshot (GTK_WIDGET (window), "consent-reconsent");
  edit_first_version (window);
}

/* ---- Register settings ---- */

static gpointer
settings_child (TrellisWindow *window,
                const char    *name)
{
  return child (consent_child (window, "settings"), TRELLIS_TYPE_REGISTER_SETTINGS, name);
}

/* The pattern is checked as it is typed, previews the next code after the
 * ones already given out, and is saved with the row's apply button. */
static void
check_code_pattern (TrellisWindow *window,
                    gint64         cohort)
{
  AdwEntryRow *pattern_row = settings_child (window, "pattern_row");
  AdwActionRow *next_code_row = settings_child (window, "next_code_row");
  g_autofree char *saved = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pattern_row)), ==, "P###");
  g_assert_cmpstr (adw_action_row_get_subtitle (next_code_row), ==, "P004");
  type_into (pattern_row, "MW");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (pattern_row), "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (next_code_row), !=, "P004");
  /* A change saved elsewhere leaves a pattern being typed alone. */
  add_participant (trellis_window_get_study (window), cohort);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pattern_row)), ==, "MW");
  type_into (pattern_row, "mw-2024-###");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (pattern_row), "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (next_code_row), ==, "MW-2024-001");
  g_signal_emit_by_name (pattern_row, "apply");
  iterate_for (50);
  saved = trellis_study_get_code_pattern (trellis_window_get_study (window), NULL);
  g_assert_cmpstr (saved, ==, "MW-2024-###");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pattern_row)), ==, "MW-2024-###");
}

static void
check_withdrawal_settings (TrellisWindow *window)
{
  TrellisStudy *study = trellis_window_get_study (window);
  TrellisDestructionPolicy policy = TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS;
  guint types = 0;

  g_assert_true (gtk_switch_get_active (settings_child (window, "no_contact_switch")));
  gtk_switch_set_active (settings_child (window, "no_contact_switch"), FALSE);
  iterate_for (50);
  g_assert_true (trellis_study_get_withdrawal_types (study, &types, NULL));
  g_assert_cmpuint (types, ==, TRELLIS_WITHDRAWAL_TYPES_ALL & ~(1u << TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT));
  adw_combo_row_set_selected (settings_child (window, "policy_row"), 1);
  iterate_for (50);
  g_assert_true (trellis_study_get_destruction_policy (study, &policy, NULL));
  g_assert_cmpint (policy, ==, TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA);
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  TrellisWindow *window = new_study_window (fixture, "Settings.trellis", 1280, 800);
  TrellisStudy *study = trellis_window_get_study (window);
  gint64 cohort = add_cohort (study, "Midwives", "Midwife");

  for (guint i = 0; i < 3; i++)
    add_participant (study, cohort);
  show_page (window, "consent");
  check_code_pattern (window, cohort);
  check_withdrawal_settings (window);
  g_assert_cmpint (add_participant (study, cohort), >, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (settings_child (window, "next_code_row")), ==, "MW-2024-002");
}

/* ---- Read-only studies and narrow windows ---- */

static void
fill_register (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_create (path, "Register", &error);
  g_autoptr(TrellisConsentVersion) sheet = trellis_consent_version_new_standard ("Sheet 1.0", "2024-01-01");
  g_autoptr(TrellisConsentVersion) sheet2 = trellis_consent_version_new_standard ("Sheet 2.0", "2024-06-01");
  gint64 midwives, participant;

  g_assert_no_error (error);
  midwives = add_cohort (study, "Midwives", "Midwife");
  add_cohort (study, "Paramedics, Yorkshire Ambulance Service", "Paramedic");
  add_cohort (study, "Obstetricians and gynaecologists", "Obstetrician/gynaecologist");
  g_assert_true (trellis_study_add_consent_version (study, sheet, &error));
  participant = add_participant (study, midwives);
  consent (study, participant, sheet);
  trellis_consent_version_set_requires_reconsent (sheet2, TRUE);
  g_assert_true (trellis_study_add_consent_version (study, sheet2, &error));
  g_assert_no_error (error);
}

/* Someone else holds the study, so it opens read-only: nothing can be edited. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Held.trellis");
  g_autoptr(TrellisStudy) holder = NULL;
  TrellisWindow *window;

  fill_register (path);
  holder = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, NULL);
  g_assert_nonnull (holder);
  window = activate_app (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  wait_until_idle (window);
  respond (find_message_dialog (), "read-only");
  wait_until_idle (window);
  g_assert_true (trellis_study_is_read_only (trellis_window_get_study (window)));

  show_page (window, "cohorts");
  g_assert_false (gtk_widget_is_sensitive (cohorts_child (window, "new_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cohorts_page (window)), "cohorts.new", NULL));
  iterate_for (100);
  g_assert_null (find_toplevel_of_type (TRELLIS_TYPE_COHORT_DIALOG));
  show_page (window, "consent");
  g_assert_false (gtk_widget_is_sensitive (consent_child (window, "new_version_button")));
  g_assert_false (gtk_widget_is_sensitive (consent_child (window, "settings")));
  save_screenshot (GTK_WIDGET (window), "consent-read-only");
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Narrow.trellis");
  GSettings *settings = trellis_application_get_settings (fixture->app);
  TrellisWindow *window;

  fill_register (path);
  g_settings_set_int (settings, "window-width", 400);
  g_settings_set_int (settings, "window-height", 700);
  window = activate_app (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  wait_until_idle (window);
  show_page (window, "cohorts");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  save_screenshot (GTK_WIDGET (window), "cohorts-narrow");
  show_page (window, "consent");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  save_screenshot (GTK_WIDGET (window), "consent-narrow");
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS, as in test-window.c. */
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/trellis/ui/register-pages/cohorts", Fixture, NULL, fixture_set_up, test_cohorts, fixture_tear_down);
  g_test_add ("/trellis/ui/register-pages/consent", Fixture, NULL, fixture_set_up, test_consent, fixture_tear_down);
  g_test_add ("/trellis/ui/register-pages/settings", Fixture, NULL, fixture_set_up, test_settings,
              fixture_tear_down);
  g_test_add ("/trellis/ui/register-pages/read-only", Fixture, NULL, fixture_set_up, test_read_only,
              fixture_tear_down);
  g_test_add ("/trellis/ui/register-pages/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);

  return g_test_run ();
}
