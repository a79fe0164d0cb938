/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-import-dialog.h"
#include "trellis-participant-import.h"
#include "trellis-participant-transfer.h"
#include "trellis-response-import.h"
#include "trellis-study-transfer.h"

/* A participant or response import, from preview to result. The preview shows the first
 * rows and which columns the import recognises, so a wrong file or a
 * misspelt header shows before anything runs. The import itself checks the
 * whole file and writes all of it or nothing: on problems the dialog lists
 * them (each with its line, column and value) and says that the study is
 * unchanged; on success it closes and the window says how many came in.
 *
 * Rows of the preview and of the problem list are GtkStringLists, one string
 * per cell, so the column views need no item type of their own. */

#define PREVIEW_ROWS 10

struct _TrellisImportDialog
{
  AdwWindow parent_instance;

  TrellisImportKind kind;
  TrellisStudy *study;
  GFile *file;
  char *file_name;              /* for people, as the import's messages name it */
  GCancellable *load_cancellable;
  GCancellable *import_cancellable;  /* set while an import runs */
  guint pulse_id;               /* until the first report of progress */

  GtkButton *cancel_button;
  GtkButton *import_button;
  GtkStack *stack;
  GtkLabel *file_label;
  GtkLabel *recognised_label;
  GtkLabel *unknown_label;
  GtkLabel *missing_label;
  GtkColumnView *preview_view;
  GtkNoSelection *preview_selection;
  GtkLabel *preview_note;
  GtkLabel *progress_title;
  GtkProgressBar *progress_bar;
  GtkLabel *problems_label;
  GtkNoSelection *problems_selection;
  AdwStatusPage *failed_page;
};

G_DEFINE_FINAL_TYPE (TrellisImportDialog, trellis_import_dialog, ADW_TYPE_WINDOW)

G_DEFINE_ENUM_TYPE (TrellisImportKind, trellis_import_kind,
                    G_DEFINE_ENUM_VALUE (TRELLIS_IMPORT_KIND_PARTICIPANTS, "participants"),
                    G_DEFINE_ENUM_VALUE (TRELLIS_IMPORT_KIND_RESPONSES, "responses"))

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Cells ---- */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_list_item_set_child (item, label);
}

static void
setup_numeric_cell (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  setup_cell (factory, item, user_data);
  gtk_widget_add_css_class (gtk_list_item_get_child (item), "numeric");
}

/* Cells of a column the import does not know are shown, but dimmed. */
static void
setup_dim_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  setup_cell (factory, item, user_data);
  gtk_widget_add_css_class (gtk_list_item_get_child (item), "dim-label");
}

static void
setup_wrapping_cell (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (item, label);
}

/* The cell at INDEX of a row; a short row (which the import reports) shows blanks. */
static void
bind_string_at (GtkListItem *item,
                guint        index)
{
  GtkStringList *row = gtk_list_item_get_item (item);
  const char *text = index < g_list_model_get_n_items (G_LIST_MODEL (row))
                     ? gtk_string_list_get_string (row, index) : "";

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
bind_preview_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  bind_string_at (item, GPOINTER_TO_UINT (user_data));
}

/* A problem row holds its line, column, value and message, in that order. */
enum { PROBLEM_LINE, PROBLEM_COLUMN, PROBLEM_VALUE, PROBLEM_MESSAGE };

static void
bind_problem_line (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  bind_string_at (item, PROBLEM_LINE);
}

static void
bind_problem_column (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  bind_string_at (item, PROBLEM_COLUMN);
}

static void
bind_problem_value (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  bind_string_at (item, PROBLEM_VALUE);
}

static void
bind_problem_message (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  bind_string_at (item, PROBLEM_MESSAGE);
}

/* ---- States ---- */

static void
show_failed (TrellisImportDialog *self,
             const char          *title,
             const char          *description)
{
  adw_status_page_set_title (self->failed_page, title);
  adw_status_page_set_description (self->failed_page, description);
  gtk_stack_set_visible_child_name (self->stack, "failed");
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
}

/* ---- Preview ---- */

static void
add_preview_column (TrellisImportDialog *self,
                    guint                index,
                    const char          *title,
                    gboolean             known)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (known ? setup_cell : setup_dim_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_preview_cell), GUINT_TO_POINTER (index));
  /* Translators: the title of a preview column whose header cell is empty. */
  column = gtk_column_view_column_new (*title != '\0' ? title : _("(no name)"), factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->preview_view, column);
}

/* "baseline_date", or "baseline_date (from ‘Baseline Date’)" for a header
 * the import maps to a field of another name. */
static void
append_recognised (GString    *out,
                   const char *header,
                   const char *field)
{
  if (out->len > 0)
    g_string_append (out, ", ");
  if (g_ascii_strcasecmp (header, field) == 0)
    g_string_append (out, field);
  else
    /* Translators: a recognised column whose header has another name; the first %s is the field. */
    g_string_append_printf (out, _("%s (from ‘%s’)"), field, header);
}

static void
set_optional_label (GtkLabel   *label,
                    const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* Says which columns the import will read, which it will refuse, and whether
 * the one column every participant needs is there. */
static void
describe_columns (TrellisImportDialog *self,
                  GPtrArray           *header)
{
  g_autoptr(GString) known = g_string_new (NULL);
  g_autoptr(GString) unknown = g_string_new (NULL);
  g_autofree char *recognised_text = NULL;
  g_autofree char *unknown_text = NULL;
  gboolean has_cohort = FALSE;
  guint n_unknown = 0;

  for (guint i = 0; i < header->len; i++)
    {
      const char *name = header->pdata[i];
      const char *field = trellis_participant_import_field_for_column (name);

      has_cohort |= g_strcmp0 (field, "cohort") == 0;
      if (field != NULL)
        append_recognised (known, name, field);
      else
        g_string_append_printf (unknown, "%s‘%s’", n_unknown++ > 0 ? ", " : "", name);
      add_preview_column (self, i, name, field != NULL);
    }
  recognised_text = g_strdup_printf (_("Recognised columns: %s"), known->len > 0 ? known->str : _("none"));
  gtk_label_set_text (self->recognised_label, recognised_text);
  if (n_unknown > 0)
    unknown_text = g_strdup_printf (ngettext ("Unknown column: %s. The import refuses it: rename it to code, cohort, baseline_date, name, email, phone or notes, or remove it.",
                                              "Unknown columns: %s. The import refuses them: rename them to code, cohort, baseline_date, name, email, phone or notes, or remove them.",
                                              n_unknown),
                                    unknown->str);
  set_optional_label (self->unknown_label, unknown_text);
  set_optional_label (self->missing_label,
                      has_cohort ? NULL : _("There is no ‘cohort’ column, which every participant needs."));
}

/* A responses file is read by its header as a whole (long or wide form,
 * items named after their instrument), so the preview says which form the
 * import will read; the import itself names any column it cannot place. */
static void
describe_response_columns (TrellisImportDialog *self,
                           GPtrArray           *header)
{
  gboolean is_long = trellis_response_form_for_header (header) == TRELLIS_RESPONSE_FORM_LONG;

  for (guint i = 0; i < header->len; i++)
    add_preview_column (self, i, header->pdata[i], TRUE);
  gtk_label_set_text (self->recognised_label,
                      is_long
                      ? _("Read as the long form: one row per answer, with the columns participant, timepoint, completed_date, instrument, item and value.")
                      : _("Read as the wide form: one row per participant and timepoint, with a column per item named INSTRUMENT_ITEM."));
  set_optional_label (self->unknown_label, NULL);
  set_optional_label (self->missing_label, NULL);
}

/* Identifiers appear only on a participant's card, so the preview shows
 * only that a contact cell is filled. A column the import does not know is
 * masked too: it is refused anyway, and its header says nothing of what it
 * holds (“Full name” would be a name). */
static gboolean
column_is_masked (const char *header)
{
  static const char *const shown[] = { "code", "cohort", "baseline_date", NULL };
  const char *field = trellis_participant_import_field_for_column (header);

  return field == NULL || !g_strv_contains (shown, field);
}

static GtkStringList *
string_list_from (GPtrArray      *fields,
                  const gboolean *masked,
                  guint           n_masked)
{
  GtkStringList *row = gtk_string_list_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      const char *value = fields->pdata[i];

      /* Translators: shown in the import preview instead of a name, email, phone or note. */
      gtk_string_list_append (row, i < n_masked && masked[i] && *value != '\0' ? _("•••") : value);
    }
  return row;
}

static void
fill_preview (TrellisImportDialog *self,
              GPtrArray           *header,
              GPtrArray           *rows)
{
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_STRING_LIST);
  g_autoptr(GtkColumnViewColumn) last = NULL;
  g_autofree gboolean *masked = g_new0 (gboolean, header->len);
  g_autofree char *note = NULL;
  GListModel *columns;

  /* A responses file holds study codes and answers only: nothing to mask. */
  for (guint i = 0; i < header->len; i++)
    masked[i] = self->kind == TRELLIS_IMPORT_KIND_PARTICIPANTS && column_is_masked (header->pdata[i]);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GtkStringList) row = string_list_from (rows->pdata[i], masked, header->len);

      g_list_store_append (store, row);
    }
  gtk_no_selection_set_model (self->preview_selection, G_LIST_MODEL (store));
  /* The last column takes the room left, so the table spans the dialog. */
  columns = gtk_column_view_get_columns (self->preview_view);
  last = g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);
  if (last != NULL)
    gtk_column_view_column_set_expand (last, TRUE);
  /* Translators: %u is how many rows of the file the preview shows. */
  note = g_strdup_printf (ngettext ("The first row of the file. The import checks every row before it writes any: if one has a problem, nothing is imported.",
                                    "The first %u rows of the file. The import checks every row before it writes any: if one has a problem, nothing is imported.",
                                    rows->len), rows->len);
  gtk_label_set_text (self->preview_note, note);
}

/* A file the preview cannot read may still be imported: the import then
 * lists every problem in it, which is more use than the first. */
static void
show_preview (TrellisImportDialog *self,
              GBytes              *bytes)
{
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  gtk_stack_set_visible_child_name (self->stack, "preview");
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), TRUE);
  if (!trellis_participant_import_preview (self->file_name, bytes, PREVIEW_ROWS, &header, &rows, &error))
    {
      gtk_label_set_text (self->recognised_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_view), FALSE);
      gtk_label_set_text (self->preview_note, _("Import the file to see every problem in it; nothing is imported while it has any."));
      return;
    }
  if (self->kind == TRELLIS_IMPORT_KIND_RESPONSES)
    describe_response_columns (self, header);
  else
    describe_columns (self, header);
  fill_preview (self, header, rows);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TrellisImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failed (self, _("Could Not Read the File"), error->message);
      return;
    }
  bytes = g_bytes_new_take (contents, length);
  show_preview (self, bytes);
}

/* ---- Import ---- */

/* The message without the "file line L, column ‘C’: " the other cells show;
 * the whole message if it does not start so (the CSV reader's own). */
static GtkStringList *
problem_row (const char                 *file_name,
             const TrellisImportProblem *problem)
{
  g_autofree char *line = problem->line > 0 ? g_strdup_printf ("%u", problem->line) : g_strdup ("");
  const char *strings[] = {
    line,
    problem->column != NULL ? problem->column : "",
    problem->value != NULL ? problem->value : "",
    problem->detail != NULL ? problem->detail : problem->message,
    NULL,
  };

  return gtk_string_list_new (strings);
}

/* The last entry of a list that was cut short says how many more there are. */
static char *
problems_summary (TrellisImportDialog *self,
                  GPtrArray           *problems)
{
  const TrellisImportProblem *last = g_ptr_array_index (problems, problems->len - 1);
  guint n = problems->len;

  if (n > TRELLIS_IMPORT_MAX_PROBLEMS && last->line == 0)
    return g_strdup_printf (_("“%s” has more than %u problems; the first %u are listed. Nothing was imported and the study is unchanged: fix the file, then import it again."),
                            self->file_name, TRELLIS_IMPORT_MAX_PROBLEMS, TRELLIS_IMPORT_MAX_PROBLEMS);
  return g_strdup_printf (ngettext ("“%s” has %u problem. Nothing was imported and the study is unchanged: fix the file, then import it again.",
                                    "“%s” has %u problems. Nothing was imported and the study is unchanged: fix the file, then import it again.",
                                    n),
                          self->file_name, n);
}

static void
show_problems (TrellisImportDialog *self,
               GPtrArray           *problems)
{
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_STRING_LIST);
  g_autofree char *summary = problems_summary (self, problems);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autoptr(GtkStringList) row = problem_row (self->file_name, problems->pdata[i]);

      g_list_store_append (store, row);
    }
  gtk_no_selection_set_model (self->problems_selection, G_LIST_MODEL (store));
  gtk_label_set_text (self->problems_label, summary);
  gtk_stack_set_visible_child_name (self->stack, "problems");
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
}

/* What an import needs when it comes back: the dialog, which may be gone (its
 * window closed), and the window's busy state to end. */
typedef struct
{
  GWeakRef dialog;
  TrellisStudyWork *work;
} ImportOp;

static void
import_op_free (ImportOp *op)
{
  g_weak_ref_clear (&op->dialog);
  trellis_study_work_free (op->work);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportOp, import_op_free)

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  ImportOp *op = user_data;
  g_autoptr(TrellisImportDialog) self = g_weak_ref_get (&op->dialog);
  g_autofree char *text = NULL;

  if (self == NULL || total == 0)
    return;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  /* Translators: progress of an import, in rows written of all rows. */
  text = g_strdup_printf (_("%u of %u rows"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

/* DONE is the toast for an import that succeeded. */
static void
finish_import (TrellisImportDialog *self,
               const char          *done,
               GPtrArray           *problems,
               const GError        *error)
{
  g_autofree char *message = NULL;

  g_clear_object (&self->import_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  if (error == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_TOAST], 0, done);
      gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_failed (self, _("Import Cancelled"), _("Nothing was imported; the study is unchanged."));
  else if (problems != NULL && problems->len > 0)
    show_problems (self, problems);
  else
    {
      message = g_strdup_printf (_("%s Nothing was imported; the study is unchanged."), error->message);
      show_failed (self, _("Could Not Import"), message);
    }
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ImportOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(TrellisWindow) window = NULL;
  g_autoptr(TrellisImportDialog) self = NULL;
  g_autofree char *done = NULL;
  guint n = 0;

  trellis_study_import_participants_finish (TRELLIS_STUDY (source), result, &n, &problems, &error);
  window = trellis_study_work_end (op->work);
  self = g_weak_ref_get (&op->dialog);
  /* A dialog whose window has closed goes with it: nobody is left to tell. */
  if (self == NULL || window == NULL)
    return;
  /* Translators: a toast after an import; %u is how many participants. */
  done = g_strdup_printf (ngettext ("Imported %u participant", "Imported %u participants", n), n);
  finish_import (self, done, problems, error);
}

static void
on_responses_imported (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ImportOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(TrellisWindow) window = NULL;
  g_autoptr(TrellisImportDialog) self = NULL;
  g_autofree char *done = NULL;
  TrellisResponseImportResult imported;

  trellis_study_import_responses_finish (TRELLIS_STUDY (source), result, &imported, &problems, &error);
  window = trellis_study_work_end (op->work);
  self = g_weak_ref_get (&op->dialog);
  if (self == NULL || window == NULL)
    return;
  /* Translators: a toast after an import; the first %u counts timepoints, the second questionnaires. */
  done = g_strdup_printf (ngettext ("Imported the answers of %u timepoint (%u questionnaires)",
                                    "Imported the answers of %u timepoints (%u questionnaires)",
                                    imported.n_visits),
                          imported.n_visits, imported.n_sheets);
  finish_import (self, done, problems, error);
}

/* Checking the rows comes before writing them and reports nothing, so the
 * bar moves to show that work is under way. */
static gboolean
pulse (gpointer data)
{
  TrellisImportDialog *self = data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
on_import_clicked (TrellisImportDialog *self)
{
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (self));
  TrellisStudyWork *work = TRELLIS_IS_WINDOW (window) ? trellis_study_work_begin (TRELLIS_WINDOW (window)) : NULL;
  g_autofree char *title = NULL;
  ImportOp *op;

  if (work == NULL)
    {
      show_failed (self, _("The Study Is Busy"),
                   _("Another operation on this study is under way. Nothing was imported: try again once it has finished."));
      return;
    }
  op = g_new0 (ImportOp, 1);
  g_weak_ref_init (&op->dialog, self);
  op->work = work;
  self->import_cancellable = g_object_ref (trellis_study_work_get_cancellable (work));
  /* Translators: %s is the file being imported. */
  title = g_strdup_printf (_("Importing “%s”…"), self->file_name);
  gtk_label_set_text (self->progress_title, title);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  self->pulse_id = g_timeout_add (100, pulse, self);
  if (self->kind == TRELLIS_IMPORT_KIND_RESPONSES)
    trellis_study_import_responses_async (self->study, self->file, TRELLIS_RESPONSE_FORM_AUTO, on_progress, op,
                                          self->import_cancellable, on_responses_imported, op);
  else
    trellis_study_import_participants_async (self->study, self->file, on_progress, op,
                                             self->import_cancellable, on_imported, op);
}

/* Cancelling an import keeps the dialog open until the import has rolled
 * back, so that it can say so; otherwise Cancel closes the dialog. */
static void
on_cancel_clicked (TrellisImportDialog *self)
{
  if (self->import_cancellable == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  g_cancellable_cancel (self->import_cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
}

gboolean
trellis_import_dialog_is_running (TrellisImportDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_IMPORT_DIALOG (self), FALSE);
  return self->import_cancellable != NULL;
}

/* ---- The dialog ---- */

static gboolean
trellis_import_dialog_close_request (GtkWindow *window)
{
  TrellisImportDialog *self = TRELLIS_IMPORT_DIALOG (window);

  if (self->import_cancellable != NULL)
    {
      on_cancel_clicked (self);
      return TRUE;
    }
  g_cancellable_cancel (self->load_cancellable);
  return GTK_WINDOW_CLASS (trellis_import_dialog_parent_class)->close_request (window);
}

static void
trellis_import_dialog_dispose (GObject *object)
{
  TrellisImportDialog *self = TRELLIS_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->study);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (trellis_import_dialog_parent_class)->dispose (object);
}

static void
trellis_import_dialog_finalize (GObject *object)
{
  TrellisImportDialog *self = TRELLIS_IMPORT_DIALOG (object);

  g_free (self->file_name);

  G_OBJECT_CLASS (trellis_import_dialog_parent_class)->finalize (object);
}

static void
trellis_import_dialog_constructed (GObject *object)
{
  TrellisImportDialog *self = TRELLIS_IMPORT_DIALOG (object);

  G_OBJECT_CLASS (trellis_import_dialog_parent_class)->constructed (object);
  if (self->kind == TRELLIS_IMPORT_KIND_RESPONSES)
    gtk_window_set_title (GTK_WINDOW (self), _("Import Responses"));
}

static void
trellis_import_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TrellisImportDialog *self = TRELLIS_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_import_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TrellisImportDialog *self = TRELLIS_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, recognised_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, unknown_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, missing_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, preview_selection);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, preview_note);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, progress_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, problems_selection);
  gtk_widget_class_bind_template_child (widget_class, TrellisImportDialog, failed_page);
  /* Not needed here, but named for tests that check what the dialog shows. */
  gtk_widget_class_bind_template_child_full (widget_class, "problems_view", FALSE, 0);
}

static void
bind_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, setup_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_numeric_cell);
  gtk_widget_class_bind_template_callback (widget_class, setup_wrapping_cell);
  gtk_widget_class_bind_template_callback (widget_class, bind_problem_line);
  gtk_widget_class_bind_template_callback (widget_class, bind_problem_column);
  gtk_widget_class_bind_template_callback (widget_class, bind_problem_value);
  gtk_widget_class_bind_template_callback (widget_class, bind_problem_message);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
}

static void
trellis_import_dialog_class_init (TrellisImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = trellis_import_dialog_constructed;
  object_class->get_property = trellis_import_dialog_get_property;
  object_class->set_property = trellis_import_dialog_set_property;
  object_class->dispose = trellis_import_dialog_dispose;
  object_class->finalize = trellis_import_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = trellis_import_dialog_close_request;

  /* What the file holds, which decides the import the dialog runs. */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, TRELLIS_TYPE_IMPORT_KIND, TRELLIS_IMPORT_KIND_PARTICIPANTS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A short message for the window to show as a toast. */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  bind_template (widget_class);
  bind_callbacks (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trellis_import_dialog_init (TrellisImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->load_cancellable = g_cancellable_new ();
}

/* The file is read for the preview at once, without blocking the window:
 * it may be large, or on a slow disk. */
TrellisImportDialog *
trellis_import_dialog_new (TrellisWindow     *window,
                           TrellisImportKind  kind,
                           GFile             *file)
{
  TrellisImportDialog *self;
  g_autofree char *base = NULL;

  g_return_val_if_fail (TRELLIS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (trellis_window_get_study (window) != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TRELLIS_TYPE_IMPORT_DIALOG, "transient-for", window, "kind", kind, NULL);
  self->study = g_object_ref (trellis_window_get_study (window));
  self->file = g_object_ref (file);
  base = g_file_get_basename (file);
  self->file_name = base != NULL ? g_filename_display_name (base) : g_file_get_parse_name (file);
  gtk_label_set_text (self->file_label, self->file_name);
  g_file_load_contents_async (file, self->load_cancellable, on_loaded, g_object_ref (self));
  return self;
}
