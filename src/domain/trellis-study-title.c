/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-study-title.h"

/* Titles are shown in window titles, reports and exports, so stray space at
 * either end is removed and each run of line breaks becomes a single space
 * before they are stored. A title pasted from a document often carries "\r\n"
 * or a blank line, which must not leave a gap of several spaces. */
char *
trellis_study_title_normalize (const char *title)
{
  g_auto(GStrv) lines = NULL;
  GString *joined;

  g_return_val_if_fail (title != NULL, NULL);

  lines = g_strsplit_set (title, "\r\n\t", -1);
  joined = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, line);
    }
  return g_string_free (joined, FALSE);
}

/* A title must say something and fit on a report's title line. */
gboolean
trellis_study_title_validate (const char  *title,
                              GError     **error)
{
  if (title == NULL || *title == '\0')
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The study needs a title"));
      return FALSE;
    }

  if (!g_utf8_validate (title, -1, NULL))
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The study title is not valid UTF-8 text"));
      return FALSE;
    }

  if (g_utf8_strlen (title, -1) > TRELLIS_STUDY_TITLE_MAX)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The study title is too long (%ld characters; at most %d)"),
                   g_utf8_strlen (title, -1), TRELLIS_STUDY_TITLE_MAX);
      return FALSE;
    }

  return TRUE;
}
