/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-interview-seed.h"

/* A fresh seed for when the person typed none. GLib seeds its global
 * generator from /dev/urandom on first use, so two words from it are as
 * unpredictable as reading the device ourselves, without handling a file.
 * The seed only needs to be unguessable before the draw; afterwards it is
 * stored and shown, which is what makes the draw checkable. */
guint64
trellis_interview_seed_new (void)
{
  guint64 high = g_random_int ();
  guint64 low = g_random_int ();

  return (high << 32) | low;
}

char *
trellis_interview_seed_to_string (guint64 seed)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
}

/* Strict on purpose: a seed that was misread ("1e6", "0x10", "12 345") would
 * silently give a different draw, so only plain decimal digits are taken.
 * Spaces around the number are forgiven because they come from copying. */
gboolean
trellis_interview_seed_parse (const char  *text,
                              guint64     *seed,
                              GError     **error)
{
  g_autofree char *trimmed = NULL;
  guint64 value = 0;
  gboolean digits_only;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (seed != NULL, FALSE);

  trimmed = g_strstrip (g_utf8_make_valid (text, -1));
  digits_only = trimmed[0] != '\0';
  for (const char *p = trimmed; *p != '\0'; p++)
    digits_only = digits_only && g_ascii_isdigit (*p);

  if (!digits_only || !g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXUINT64, &value, NULL))
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a seed: type a whole number from 0 to %s, digits only"),
                   trimmed, "18446744073709551615");
      return FALSE;
    }
  *seed = value;
  return TRUE;
}

/* How a seed feeds GRand (g_rand_new_with_seed_array): two 32-bit words, the
 * low word first. Part of the algorithm "trellis-draw-1": changing it changes
 * every draw. */
void
trellis_interview_seed_split (guint64 seed,
                              guint32 words[2])
{
  words[0] = (guint32) (seed & G_MAXUINT32);
  words[1] = (guint32) (seed >> 32);
}
