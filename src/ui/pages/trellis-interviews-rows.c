/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <inttypes.h>
#include <glib/gi18n.h>

#include "trellis-interview-status.h"
#include "trellis-interviews-rows.h"

/* ---- Eligible and not ---- */

/* A cohort's codes are laid out only once someone opens its row: at 100,000
 * participants a cohort has thousands, and a collapsed row still measures
 * its children. */
static void
on_cohort_expanded (AdwExpanderRow *row,
                    GParamSpec     *pspec,
                    char           *codes)
{
  GtkWidget *label;

  if (!adw_expander_row_get_expanded (row) || codes[0] == '\0')
    return;
  label = gtk_label_new (codes);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  adw_expander_row_add_row (row, label);
  codes[0] = '\0';
}

static GtkWidget *
count_label (guint n)
{
  g_autofree char *text = g_strdup_printf ("%u", n);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

GtkWidget *
trellis_interviews_eligible_row (const TrellisEligibleCohort *cohort)
{
  GtkWidget *row = adw_expander_row_new ();
  GString *codes = g_string_new (NULL);

  for (guint i = 0; i < cohort->codes->len; i++)
    g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (cohort->codes, i));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cohort->name);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), count_label (cohort->codes->len));
  g_signal_connect_data (row, "notify::expanded", G_CALLBACK (on_cohort_expanded),
                         g_string_free (codes, FALSE), (GClosureNotify) (void (*) (void)) g_free, 0);
  return row;
}

GtkWidget *
trellis_interviews_ineligible_row (const char *reason,
                                   guint       n)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label (n));
  return row;
}

/* ---- A draw ---- */

static guint
count_replacements (const TrellisStoredDraw *draw)
{
  guint n = 0;

  for (guint i = 0; i < draw->picks->len; i++)
    n += g_array_index (draw->picks, TrellisStoredPick, i).replacement ? 1 : 0;
  return n;
}

/* "23 drawn across 7 cohorts", and the replacements if any: says that a draw
 * happened and how large it was, without naming anyone. */
char *
trellis_interviews_draw_summary (const TrellisStoredDraw *draw)
{
  guint n_replacements = count_replacements (draw);
  guint n_initial = draw->picks->len - n_replacements;
  guint n_cohorts = 0;
  g_autofree char *drawn = NULL;
  g_autofree char *across = NULL;

  for (guint i = 0; i < draw->quotas->len; i++)
    n_cohorts += g_array_index (draw->quotas, guint, i) > 0 ? 1 : 0;
  drawn = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u drawn", "%u drawn", n_initial), n_initial);
  /* Translators: "23 drawn" and how many cohorts they came from. */
  across = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s across %u cohort", "%s across %u cohorts", n_cohorts),
                            drawn, n_cohorts);
  if (n_replacements == 0)
    return g_steal_pointer (&across);
  /* Translators: "23 drawn across 7 cohorts" and the number of replacements drawn since. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u replacement", "%s, %u replacements", n_replacements),
                          across, n_replacements);
}

static guint
count_eligible (const TrellisStoredDraw *draw)
{
  guint n = 0;

  for (guint i = 0; i < draw->cohorts->len; i++)
    n += ((TrellisEligibleCohort *) g_ptr_array_index (draw->cohorts, i))->codes->len;
  return n;
}

static char *
local_time (const char *utc)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (utc, NULL);
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (utc);
}

static char *
draw_subtitle (const TrellisStoredDraw *draw)
{
  g_autofree char *when = local_time (draw->created);
  const char *allocation = g_str_equal (draw->allocation, "typed") ? _("typed quotas") : _("proportional");
  guint eligible = count_eligible (draw);

  /* Translators: a draw's date, total, eligible count, allocation, seed and
   * the person who drew, e.g. "2025-10-31 10:15 · 23 of 40 eligible ·
   * proportional · seed 2025 · by sam". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u of %u eligible · %s · seed %s · by %s",
                                       "%s · %u of %u eligible · %s · seed %s · by %s", eligible),
                          when, draw->total, eligible, allocation, draw->seed, draw->user);
}

static GtkWidget *
action_button (const char *label,
               const char *icon,
               const char *action,
               gint64      draw_id)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", draw_id);
  return button;
}

/* The eligible list's fingerprint, short, with a button to copy all of it. */
static GtkWidget *
hash_button (const TrellisStoredDraw *draw)
{
  g_autofree char *shown = g_strdup_printf ("%.10s…", draw->eligible_hash);
  g_autofree char *tooltip = g_strdup_printf (_("Copy the eligible list’s SHA-256: %s"), draw->eligible_hash);
  GtkWidget *button = action_button (shown, "edit-copy-symbolic", "interviews.copy-hash", draw->id);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "numeric");
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static GtkWidget *
verdict_row (const TrellisDrawVerdictText *verdict,
             gboolean                      reveal_picks)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (verdict->matches ? "emblem-ok-symbolic" : "dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, verdict->matches ? "success" : "warning");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), verdict->summary);
  if (reveal_picks && verdict->detail != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), verdict->detail);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static GtkWidget *
concealed_row (const TrellisStoredDraw *draw)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *summary = trellis_interviews_draw_summary (draw);
  g_autofree char *title = g_strdup_printf (_("%s — switch to the Interviewer or PI view to see who"), summary);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("changes-prevent-symbolic"));
  gtk_widget_set_name (row, "concealed");
  return row;
}

/* The replaced pick's code, for "replaces P012". */
static const char *
replaced_code (const TrellisStoredDraw *draw,
               gint64                   pick_id)
{
  for (guint i = 0; i < draw->picks->len; i++)
    if (g_array_index (draw->picks, TrellisStoredPick, i).id == pick_id)
      return g_array_index (draw->picks, TrellisStoredPick, i).code;
  return "?";
}

static const char *
status_label (const char *status)
{
  TrellisInterviewStatus value;

  if (status == NULL || !trellis_interview_status_from_string (status, &value, NULL))
    return _("No interview");
  return trellis_interview_status_to_label (value);
}

/* The pick that replaced PICK, or NULL. */
static const TrellisStoredPick *
replacement_of (const TrellisStoredDraw *draw,
                const TrellisStoredPick *pick)
{
  for (guint i = 0; i < draw->picks->len; i++)
    if (g_array_index (draw->picks, TrellisStoredPick, i).replaces == pick->id)
      return &g_array_index (draw->picks, TrellisStoredPick, i);
  return NULL;
}

/* Whether PICK can still be replaced: not replaced already, and declined or
 * did not attend, or still able to. */
gboolean
trellis_interviews_pick_replaceable (const TrellisStoredDraw *draw,
                                     const TrellisStoredPick *pick)
{
  TrellisInterviewStatus status;

  if (replacement_of (draw, pick) != NULL)
    return FALSE;
  if (pick->status == NULL || !trellis_interview_status_from_string (pick->status, &status, NULL))
    return FALSE;
  return trellis_interview_status_calls_for_replacement (status) ||
         trellis_interview_status_can_move (status, TRELLIS_INTERVIEW_DECLINED) ||
         trellis_interview_status_can_move (status, TRELLIS_INTERVIEW_DID_NOT_ATTEND);
}

static char *
pick_subtitle (const TrellisStoredDraw *draw,
               const TrellisStoredPick *pick)
{
  const TrellisStoredPick *by = replacement_of (draw, pick);
  g_autofree char *kind = NULL;
  g_autofree char *replaced = NULL;

  if (pick->replacement)
    kind = g_strdup_printf (_("replacement for %s"), replaced_code (draw, pick->replaces));
  else
    kind = g_strdup (_("initial"));
  if (by != NULL)
    replaced = g_strdup_printf (_("replaced by %s"), by->code);
  return g_strjoin (" · ", pick->cohort, kind, status_label (pick->status), replaced, NULL);
}

/* Invited, or scheduled and to be booked again at another time. */
static gboolean
pick_schedulable (const TrellisStoredPick *pick)
{
  return g_strcmp0 (pick->status, trellis_interview_status_to_string (TRELLIS_INTERVIEW_INVITED)) == 0 ||
         g_strcmp0 (pick->status, trellis_interview_status_to_string (TRELLIS_INTERVIEW_SCHEDULED)) == 0;
}

static GtkWidget *
pick_row (const TrellisStoredDraw   *draw,
          const TrellisStoredPick   *pick,
          const TrellisInterviewRow *interview)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%u. %s", pick->sequence, pick->code != NULL ? pick->code : "?");
  g_autofree char *subtitle = pick_subtitle (draw, pick);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_name (row, "pick");
  if (pick_schedulable (pick))
    {
      gboolean booked = interview != NULL && interview->start_utc != 0;
      GtkWidget *button = gtk_button_new_with_mnemonic (booked ? _("Re_schedule…") : _("_Schedule…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "interviews.schedule");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xx)", draw->id, pick->participant_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  if (interview != NULL)
    trellis_interviews_add_interview (ADW_ACTION_ROW (row), subtitle, interview,
                                      trellis_interviews_pick_replaceable (draw, pick));
  else if (trellis_interviews_pick_replaceable (draw, pick))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Replace…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "interviews.replace");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xx)", draw->id, pick->participant_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

GtkWidget *
trellis_interviews_draw_row (const TrellisStoredDraw      *draw,
                             gboolean                      reveal_picks,
                             const TrellisDrawVerdictText *verdict,
                             GHashTable                   *interviews)
{
  GtkWidget *row = adw_expander_row_new ();
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (row);
  g_autofree char *title = g_strdup_printf (_("Draw %" PRId64), draw->id);
  g_autofree char *subtitle = draw_subtitle (draw);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (expander, subtitle);
  adw_expander_row_add_action (expander, hash_button (draw));
  adw_expander_row_add_action (expander, action_button (_("Verify"), "emblem-ok-symbolic", "interviews.verify", draw->id));
  if (verdict != NULL)
    adw_expander_row_add_row (expander, verdict_row (verdict, reveal_picks));
  if (!reveal_picks)
    adw_expander_row_add_row (expander, concealed_row (draw));
  for (guint i = 0; reveal_picks && i < draw->picks->len; i++)
    {
      const TrellisStoredPick *pick = &g_array_index (draw->picks, TrellisStoredPick, i);

      adw_expander_row_add_row (expander,
                                pick_row (draw, pick, g_hash_table_lookup (interviews, &pick->participant_id)));
    }
  return row;
}

void
trellis_draw_verdict_text_free (TrellisDrawVerdictText *verdict)
{
  if (verdict == NULL)
    return;
  g_free (verdict->summary);
  g_free (verdict->detail);
  g_free (verdict);
}

/* ---- The pipeline ---- */

static void
count_statuses (GPtrArray  *draws,
                GHashTable *by_cohort)
{
  for (guint d = 0; d < draws->len; d++)
    {
      TrellisStoredDraw *draw = g_ptr_array_index (draws, d);

      for (guint i = 0; i < draw->picks->len; i++)
        {
          TrellisStoredPick *pick = &g_array_index (draw->picks, TrellisStoredPick, i);
          TrellisInterviewStatus status;
          guint *counts;

          if (pick->status == NULL || !trellis_interview_status_from_string (pick->status, &status, NULL))
            continue;
          counts = g_hash_table_lookup (by_cohort, pick->cohort);
          if (counts == NULL)
            g_hash_table_insert (by_cohort, pick->cohort, counts = g_new0 (guint, TRELLIS_N_INTERVIEW_STATUSES));
          counts[status]++;
        }
    }
}

static char *
pipeline_text (const guint *counts)
{
  GString *text = g_string_new (NULL);

  for (int status = 0; status < TRELLIS_N_INTERVIEW_STATUSES; status++)
    if (counts[status] > 0)
      g_string_append_printf (text, "%s%u %s", text->len > 0 ? " · " : "", counts[status],
                              trellis_interview_status_to_label (status));
  return g_string_free (text, FALSE);
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* One row per cohort with how many of its interviews stand at each status:
 * counts only, so every view may see them. */
GPtrArray *
trellis_interviews_pipeline_rows (GPtrArray *draws)
{
  g_autoptr(GHashTable) by_cohort = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree gpointer *names = NULL;
  GPtrArray *rows = g_ptr_array_new ();
  guint n = 0;

  count_statuses (draws, by_cohort);
  names = g_hash_table_get_keys_as_array (by_cohort, &n);
  qsort (names, n, sizeof (gpointer), compare_names);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *text = pipeline_text (g_hash_table_lookup (by_cohort, names[i]));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), names[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      g_ptr_array_add (rows, row);
    }
  return rows;
}
