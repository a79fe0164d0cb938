/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "demo-fixture.h"
#include "trellis-instrument-dialog.h"
#include "trellis-instruments-page.h"
#include "trellis-item-editor-row.h"
#include "trellis-study-measures.h"
#include "ui-test-utils.h"

/* The Instruments page in the real window on the demo study (BRS, CCAE and
 * KNOW, with answers at T1–T4): adding an instrument with two items through
 * the dialog, editing the BRS's missing-item rule so that its scores are
 * recomputed under a new rule version, an edit the study refuses, option
 * labels edited, and deleting: refused for the BRS, which has answers,
 * allowed for the new instrument, which has none. */

typedef struct
{
  char *last_toast;
} Toasts;

static void
on_toast (TrellisInstrumentsPage *page,
          const char             *message,
          Toasts                 *toasts)
{
  g_free (toasts->last_toast);
  toasts->last_toast = g_strdup (message);
}

static TrellisInstrumentsPage *
instruments_page (TrellisWindow *window)
{
  return TRELLIS_INSTRUMENTS_PAGE (trellis_study_view_ensure_page (study_view (window), "instruments"));
}

static gpointer
dialog_child (TrellisInstrumentDialog *dialog,
              const char              *name)
{
  return child (dialog, TRELLIS_TYPE_INSTRUMENT_DIALOG, name);
}

static guint
count_rows (gpointer list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

static TrellisInstrumentDialog *
open_dialog (TrellisWindow *window,
             const char    *action,
             GVariant      *target)
{
  TrellisInstrumentDialog *dialog;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (instruments_page (window)), action, target));
  iterate_for (300);
  dialog = TRELLIS_INSTRUMENT_DIALOG (find_toplevel_of_type (TRELLIS_TYPE_INSTRUMENT_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

static void
click (gpointer button)
{
  g_signal_emit_by_name (button, "clicked");
  iterate_for (100);
}

static gpointer
row_button (GtkListBox *items,
            int         index,
            const char *name)
{
  return child (gtk_list_box_get_row_at_index (items, index), TRELLIS_TYPE_ITEM_EDITOR_ROW, name);
}

static TrellisWindow *
open_instruments (Fixture    *fixture,
                  const char *path)
{
  TrellisWindow *window = activate_app (fixture);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (200);
  wait_until_idle (window);
  g_assert_nonnull (trellis_window_get_study (window));
  g_assert_true (trellis_study_view_show_page (study_view (window), "instruments"));
  iterate_for (200);
  return window;
}

/* A wellbeing check of two items on a 1–5 scale, put in order in the dialog. */
static void
add_instrument (TrellisWindow *window,
                Toasts        *toasts)
{
  TrellisInstrumentDialog *dialog = open_dialog (window, TRELLIS_INSTRUMENTS_ACTION_ADD, NULL);
  TrellisStudy *study = trellis_window_get_study (window);
  GtkListBox *items = dialog_child (dialog, "item_list");
  TrellisInstrument *added;

  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "save_button")));
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "code_row")), "WELL");
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "label_row")), "Wellbeing check");
  gtk_spin_button_set_value (dialog_child (dialog, "min_answered_spin"), 2);
  click (dialog_child (dialog, "add_item_button"));
  click (dialog_child (dialog, "add_item_button"));
  click (dialog_child (dialog, "add_item_button"));
  g_assert_cmpuint (count_rows (items), ==, 3);
  /* The third goes again, and the second moves to the top. */
  click (row_button (items, 2, "remove_button"));
  click (row_button (items, 1, "up_button"));
  g_assert_cmpuint (count_rows (items), ==, 2);
  trellis_item_editor_row_set_text (TRELLIS_ITEM_EDITOR_ROW (gtk_list_box_get_row_at_index (items, 0)),
                                    "I have felt worn out at the end of a shift.");
  trellis_item_editor_row_set_text (TRELLIS_ITEM_EDITOR_ROW (gtk_list_box_get_row_at_index (items, 1)),
                                    "I have felt calm at work this week.");
  iterate_for (100);
  g_assert_true (gtk_widget_get_sensitive (dialog_child (dialog, "save_button")));
  save_screenshot (GTK_WIDGET (dialog), "instrument-dialog-add");

  click (dialog_child (dialog, "save_button"));
  g_assert_null (find_toplevel_of_type (TRELLIS_TYPE_INSTRUMENT_DIALOG));
  g_assert_cmpstr (toasts->last_toast, ==, "Added WELL");
  added = trellis_study_find_instrument (study, "WELL");
  g_assert_nonnull (added);
  g_assert_cmpuint (trellis_instrument_get_items (added)->len, ==, 2);
  g_assert_cmpstr (trellis_item_get_code (trellis_instrument_get_items (added)->pdata[0]), ==, "WELL2");
  g_assert_cmpstr (trellis_item_get_code (trellis_instrument_get_items (added)->pdata[1]), ==, "WELL1");
  g_assert_cmpuint (count_rows (child (instruments_page (window), TRELLIS_TYPE_INSTRUMENTS_PAGE,
                                       "instrument_list")), ==, 4);
}

/* BRS scores need all six items now: 208 sheets are rescored (with version
 * 2), and those with a blank item lose their score. */
static void
edit_brs (TrellisWindow *window,
          Toasts        *toasts)
{
  TrellisInstrumentDialog *dialog = open_dialog (window, TRELLIS_INSTRUMENTS_ACTION_EDIT,
                                                 g_variant_new_string ("BRS"));
  TrellisStudy *study = trellis_window_get_study (window);
  TrellisScoringRule rule;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "code_row"))), ==, "BRS");
  g_assert_cmpuint (count_rows (dialog_child (dialog, "item_list")), ==, 6);
  gtk_spin_button_set_value (dialog_child (dialog, "min_answered_spin"), 6);
  iterate_for (100);
  save_screenshot (GTK_WIDGET (dialog), "instrument-dialog-edit-brs");
  click (dialog_child (dialog, "save_button"));

  g_assert_null (find_toplevel_of_type (TRELLIS_TYPE_INSTRUMENT_DIALOG));
  g_assert_cmpstr (toasts->last_toast, ==, "208 scores recomputed with rule version 2");
  trellis_instrument_get_rule (trellis_study_find_instrument (study, "BRS"), &rule);
  g_assert_cmpint (rule.min_answered, ==, 6);
  g_assert_cmpint (rule.version, ==, 2);
}

/* Taking CCAE's code is refused on saving, inline, and the dialog stays. */
static void
refused_edit (TrellisWindow *window)
{
  TrellisInstrumentDialog *dialog = open_dialog (window, TRELLIS_INSTRUMENTS_ACTION_EDIT,
                                                 g_variant_new_string ("WELL"));
  GtkLabel *error_label = dialog_child (dialog, "error_label");

  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "code_row")), "CCAE");
  iterate_for (100);
  click (dialog_child (dialog, "save_button"));
  g_assert_true (find_toplevel_of_type (TRELLIS_TYPE_INSTRUMENT_DIALOG) == GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==, "There is already an instrument with the code “CCAE”");
  save_screenshot (GTK_WIDGET (dialog), "instrument-dialog-refused");
  gtk_window_close (GTK_WINDOW (dialog));
  iterate_for (100);
}

static gpointer
row_child (GtkListBox *items,
           int         index,
           const char *name)
{
  return row_button (items, index, name);
}

static char *
labels_of (TrellisStudy *study,
           const char   *code,
           guint         index)
{
  TrellisItem *item = trellis_instrument_get_items (trellis_study_find_instrument (study, code))->pdata[index];
  const char *const *choices = trellis_item_get_choices (item);

  return choices != NULL ? g_strjoinv ("|", (char **) choices) : g_strdup ("none");
}

/* WELL's first item becomes a choice with labelled options: labels that do
 * not fit the scale are named and keep it from being saved; then one label
 * is edited and saved again. */
static void
edit_labels (TrellisWindow *window,
             Toasts        *toasts)
{
  TrellisInstrumentDialog *dialog = open_dialog (window, TRELLIS_INSTRUMENTS_ACTION_EDIT,
                                                 g_variant_new_string ("WELL"));
  TrellisStudy *study = trellis_window_get_study (window);
  GtkListBox *items = dialog_child (dialog, "item_list");
  g_autofree char *labels = NULL;
  GtkEntry *entry;

  g_assert_false (gtk_widget_get_visible (row_child (items, 0, "choices_box")));
  gtk_drop_down_set_selected (row_child (items, 0, "kind_dropdown"), TRELLIS_ITEM_CHOICE);
  g_assert_true (gtk_widget_get_visible (row_child (items, 0, "choices_box")));
  entry = row_child (items, 0, "choices_entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Never; Rarely");
  iterate_for (100);
  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "save_button")));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "error_label")), ==,
                   "WELL2 has 2 option labels for the 5 values 1–5; give one label for each value, "
                   "separated by semicolons");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Never; Rarely; Sometimes; Often; Always");
  iterate_for (100);
  g_assert_true (gtk_widget_get_sensitive (dialog_child (dialog, "save_button")));
  save_screenshot (GTK_WIDGET (dialog), "instrument-dialog-labels");
  click (dialog_child (dialog, "save_button"));
  g_assert_cmpstr (toasts->last_toast, ==, "Saved WELL");
  labels = labels_of (study, "WELL", 0);
  g_assert_cmpstr (labels, ==, "Never|Rarely|Sometimes|Often|Always");
  g_clear_pointer (&labels, g_free);

  dialog = open_dialog (window, TRELLIS_INSTRUMENTS_ACTION_EDIT, g_variant_new_string ("WELL"));
  items = dialog_child (dialog, "item_list");
  entry = row_child (items, 0, "choices_entry");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Never; Rarely; Sometimes; Often; Always");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Never; Rarely; Sometimes; Often; Every day");
  iterate_for (100);
  click (dialog_child (dialog, "save_button"));
  labels = labels_of (study, "WELL", 0);
  g_assert_cmpstr (labels, ==, "Never|Rarely|Sometimes|Often|Every day");
}

static AdwMessageDialog *
question (void)
{
  GtkWindow *found = find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (found);
  return ADW_MESSAGE_DIALOG (found);
}

/* The BRS has answers, so it stays, and the person is told how many; WELL
 * has none, so it goes after a confirmation. */
static void
delete_instruments (TrellisWindow *window,
                    Toasts        *toasts)
{
  TrellisInstrumentDialog *dialog = open_dialog (window, TRELLIS_INSTRUMENTS_ACTION_EDIT,
                                                 g_variant_new_string ("BRS"));
  TrellisStudy *study = trellis_window_get_study (window);
  AdwMessageDialog *asked;

  click (dialog_child (dialog, "delete_button"));
  asked = question ();
  g_assert_cmpstr (adw_message_dialog_get_heading (asked), ==, "Cannot Delete BRS");
  g_assert_cmpstr (adw_message_dialog_get_body (asked), ==,
                   "BRS has 208 answer sheets on file. Deleting it would lose those answers and scores, so it stays.");
  save_screenshot (GTK_WIDGET (asked), "instrument-delete-refused");
  respond (asked, "close");
  gtk_window_close (GTK_WINDOW (dialog));
  iterate_for (100);
  g_assert_nonnull (trellis_study_find_instrument (study, "BRS"));

  dialog = open_dialog (window, TRELLIS_INSTRUMENTS_ACTION_EDIT, g_variant_new_string ("WELL"));
  click (dialog_child (dialog, "delete_button"));
  asked = question ();
  g_assert_cmpstr (adw_message_dialog_get_heading (asked), ==, "Delete WELL?");
  save_screenshot (GTK_WIDGET (asked), "instrument-delete-confirm");
  respond (asked, "delete");
  iterate_for (100);
  g_assert_null (find_toplevel_of_type (TRELLIS_TYPE_INSTRUMENT_DIALOG));
  g_assert_cmpstr (toasts->last_toast, ==, "Deleted WELL");
  g_assert_null (trellis_study_find_instrument (study, "WELL"));
  g_assert_cmpuint (count_rows (child (instruments_page (window), TRELLIS_TYPE_INSTRUMENTS_PAGE,
                                       "instrument_list")), ==, 3);
}

static void
test_instruments (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Demo.trellis");
  Toasts toasts = { NULL };
  TrellisWindow *window;

  demo_fixture_create_closed (path, "Resilience coaching");
  window = open_instruments (fixture, path);
  g_signal_connect (instruments_page (window), "toast", G_CALLBACK (on_toast), &toasts);
  g_assert_cmpuint (count_rows (child (instruments_page (window), TRELLIS_TYPE_INSTRUMENTS_PAGE,
                                       "instrument_list")), ==, 3);
  save_screenshot (GTK_WIDGET (window), "instruments-page");

  add_instrument (window, &toasts);
  edit_brs (window, &toasts);
  refused_edit (window);
  edit_labels (window, &toasts);
  /* The BRS opened, showing its new rule and its items. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_list_box_get_row_at_index (
      child (instruments_page (window), TRELLIS_TYPE_INSTRUMENTS_PAGE, "instrument_list"), 0)), TRUE);
  save_screenshot (GTK_WIDGET (window), "instruments-page-after");
  delete_instruments (window, &toasts);

  g_signal_handlers_disconnect_by_data (instruments_page (window), &toasts);
  g_free (toasts.last_toast);
  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TRELLIS_TODAY", TRELLIS_DEMO_STUDY_AS_OF, TRUE);
  /* Not G_TEST_OPTION_ISOLATE_DIRS, as in test-window.c. */
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/trellis/ui/instruments-page/add-and-edit", Fixture, NULL,
              fixture_set_up, test_instruments, fixture_tear_down);

  return g_test_run ();
}
