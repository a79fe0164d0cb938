/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-date.h"
#include "trellis-form-util.h"

/* The field's text without surrounding space, or NULL when it is blank, which
 * is how the stores take an optional value. */
char *
trellis_form_get_text (GtkEditable *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* Shows PROBLEM under the row's title in the error colour, and marks the field;
 * with no problem the row shows its HINT again. The message sits next to the
 * field it is about, so nobody has to guess which one is wrong. */
void
trellis_form_show_problem (AdwActionRow *row,
                           GtkWidget    *field,
                           const char   *hint,
                           const char   *problem)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  adw_action_row_set_subtitle (row, problem != NULL ? problem : (hint != NULL ? hint : ""));
  if (problem != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "field-problem");
      if (field != NULL)
        gtk_widget_add_css_class (field, "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "field-problem");
      if (field != NULL)
        gtk_widget_remove_css_class (field, "error");
    }
}

/* Whether TEXT (already stripped, NULL when blank) is an acceptable date; if
 * not, *PROBLEM says why in the words of trellis_date_parse (). */
gboolean
trellis_form_check_date (const char  *text,
                         gboolean     required,
                         char       **problem)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  *problem = NULL;
  if (text == NULL)
    {
      if (required)
        *problem = g_strdup (_("Enter a date as YYYY-MM-DD"));
      return !required;
    }
  if (trellis_date_parse (text, &date, &error))
    return TRUE;
  *problem = g_strdup (error->message);
  return FALSE;
}

/* Today as YYYY-MM-DD in local time, the default for dates of things that
 * are usually recorded as they happen. */
char *
trellis_form_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}
