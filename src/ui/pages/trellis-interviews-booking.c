/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-interviews-rows.h"

/* What the Interviews page shows of one interview beyond its pick: when and
 * with whom it is booked, its conflicts, and the menu that moves it along
 * the pipeline. Used by the draws' pick rows and by the filtered list. */

/* The booked time as the interviewer will see it on the day: in the zone it
 * was booked in, with that zone's abbreviation, since a team can book across
 * zones and the viewer's own zone may differ. */
static char *
booked_time (const TrellisInterviewRow *row)
{
  g_autoptr(GTimeZone) zone = row->time_zone != NULL ? g_time_zone_new_identifier (row->time_zone) : NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (row->start_utc);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;
  local = zone != NULL ? g_date_time_to_timezone (utc, zone) : g_date_time_to_local (utc);
  /* The same words as the conflicts use for the same time. */
  return g_date_time_format (local, C_("interview time", "%a %-d %b %Y, %H:%M %Z"));
}

/* The parts that are not NULL, joined with " · "; NULL when none is. */
static char *
join_parts (const char *const *parts,
            guint              n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    if (parts[i] != NULL)
      g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", parts[i]);
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

/* "Sun 26 Oct 2025, 01:30 GMT · 60 min · video call · with Dr Amara Osei",
 * or NULL before the interview has a time or an interviewer. */
char *
trellis_interviews_booking_text (const TrellisInterviewRow *row)
{
  g_autofree char *when = row->start_utc != 0 ? booked_time (row) : NULL;
  g_autofree char *length = NULL;
  g_autofree char *with = NULL;

  if (row->actual_minutes > 0)
    /* Translators: how long an interview that happened lasted. */
    length = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "lasted %u min", "lasted %u min", row->actual_minutes),
                              row->actual_minutes);
  else if (when != NULL && row->minutes > 0)
    length = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u min", "%u min", row->minutes), row->minutes);
  if (row->interviewer != NULL && row->interviewer[0] != '\0')
    /* Translators: the interviewer of a booked interview. */
    with = g_strdup_printf (_("with %s"), row->interviewer);
  if (when == NULL && with == NULL)
    return NULL;
  return join_parts ((const char *[]) { when != NULL ? when : _("no time yet"), length, with,
                                        trellis_interview_mode_label (row->mode) }, 4);
}

/* The transcript and anonymisation, once there is something to say. */
char *
trellis_interviews_transcript_text (const TrellisInterviewRow *row)
{
  g_autofree char *name = row->transcript_path != NULL ? g_path_get_basename (row->transcript_path) : NULL;
  g_autofree char *transcript = NULL;
  g_autofree char *anonymised = NULL;

  if (name != NULL)
    /* Translators: a transcript's file name and the start of its SHA-256. */
    transcript = g_strdup_printf (_("transcript %s (SHA-256 %.12s…)"), name,
                                  row->transcript_sha256 != NULL ? row->transcript_sha256 : "");
  if (row->anonymised_by != NULL && row->anonymised_at != NULL)
    /* Translators: who anonymised a transcript and on which day (YYYY-MM-DD). */
    anonymised = g_strdup_printf (_("anonymised by %s on %.10s"), row->anonymised_by, row->anonymised_at);
  return join_parts ((const char *[]) { transcript, anonymised }, 2);
}

/* A warning sign whose tooltip lists the interview's conflicts, or NULL. */
GtkWidget *
trellis_interviews_warning_icon (const TrellisInterviewRow *row)
{
  g_autoptr(GString) tooltip = g_string_new (NULL);
  GtkWidget *icon;

  if (row->warnings == NULL || row->warnings->len == 0)
    return NULL;
  for (guint i = 0; i < row->warnings->len; i++)
    g_string_append_printf (tooltip, "%s%s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (row->warnings, i));
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (icon, tooltip->str);
  gtk_widget_set_name (icon, "conflict");
  return icon;
}

static void
append_move (GMenu                  *menu,
             TrellisInterviewStatus  from,
             TrellisInterviewStatus  to,
             const char             *label,
             const char             *action,
             gint64                  participant_id)
{
  g_autoptr(GMenuItem) item = NULL;

  if (!trellis_interview_status_can_move (from, to))
    return;
  item = g_menu_item_new (label, NULL);
  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (participant_id));
  g_menu_append_item (menu, item);
}

/* The moves the workflow allows from where the interview stands, each an
 * action with the participant's id; declining and not attending go through
 * the replacement, which records them. */
static GMenu *
moves_menu (const TrellisInterviewRow *row,
            gboolean                   replaceable)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  gint64 id = row->participant_id;

  append_move (moves, row->status, TRELLIS_INTERVIEW_DONE, _("Mark as _Done…"), "interviews.done", id);
  append_move (moves, row->status, TRELLIS_INTERVIEW_TRANSCRIBED, _("Attach _Transcript…"), "interviews.transcript",
               id);
  append_move (moves, row->status, TRELLIS_INTERVIEW_ANONYMISED, _("Mark as _Anonymised…"), "interviews.anonymised",
               id);
  append_move (moves, row->status, TRELLIS_INTERVIEW_CODED, _("Mark as _Coded"), "interviews.coded", id);
  if (g_menu_model_get_n_items (G_MENU_MODEL (moves)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  if (replaceable)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Declined or Did _Not Attend…"), NULL);
      g_autoptr(GMenu) replace = g_menu_new ();

      g_menu_item_set_action_and_target_value (item, "interviews.replace",
                                               g_variant_new ("(xx)", row->draw_id, row->participant_id));
      g_menu_append_item (replace, item);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (replace));
    }
  return menu;
}

/* A menu button with the interview's next moves, or NULL when it has none. */
GtkWidget *
trellis_interviews_moves_button (const TrellisInterviewRow *row,
                                 gboolean                   replaceable)
{
  g_autoptr(GMenu) menu = moves_menu (row, replaceable);
  g_autofree char *tooltip = NULL;
  GtkWidget *button;

  if (g_menu_model_get_n_items (G_MENU_MODEL (menu)) == 0)
    return NULL;
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  tooltip = g_strdup_printf (_("Move %s’s interview along"), row->code);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, "moves");
  return button;
}

/* Adds the booking, transcript, conflicts and moves of ROW to an action row
 * whose first subtitle line is FIRST_LINE. */
void
trellis_interviews_add_interview (AdwActionRow              *action_row,
                                  const char                *first_line,
                                  const TrellisInterviewRow *row,
                                  gboolean                   replaceable)
{
  g_autofree char *booking = trellis_interviews_booking_text (row);
  g_autofree char *transcript = trellis_interviews_transcript_text (row);
  g_autofree char *subtitle = NULL;
  GtkWidget *icon = trellis_interviews_warning_icon (row);
  GtkWidget *moves = trellis_interviews_moves_button (row, replaceable);
  GString *lines = g_string_new (first_line);

  if (booking != NULL)
    g_string_append_printf (lines, "\n%s", booking);
  if (transcript != NULL)
    g_string_append_printf (lines, "\n%s", transcript);
  subtitle = g_string_free (lines, FALSE);
  adw_action_row_set_subtitle (action_row, subtitle);
  if (icon != NULL)
    adw_action_row_add_suffix (action_row, icon);
  if (moves != NULL)
    adw_action_row_add_suffix (action_row, moves);
}

/* A row of the filtered list: the code, then where the interview stands. */
GtkWidget *
trellis_interviews_list_row (const TrellisInterviewRow *row,
                             gboolean                   replaceable)
{
  GtkWidget *action_row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s", row->code != NULL ? row->code : "?");
  g_autofree char *first = g_strjoin (" · ", row->cohort != NULL ? row->cohort : "",
                                      trellis_interview_status_to_label (row->status), NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
  gtk_widget_set_name (action_row, "interview");
  trellis_interviews_add_interview (ADW_ACTION_ROW (action_row), first, row, replaceable);
  return action_row;
}
