/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-interview-draw.h"
#include "trellis-interview-seed.h"

typedef struct
{
  char  *name;
  char **codes;      /* shuffled in place as the draw goes on */
  guint  n_codes;
  guint  n_drawn;    /* codes[0 .. n_drawn − 1] have been picked */
} CohortState;

struct _TrellisInterviewDraw
{
  guint64      seed;
  GRand       *rand;
  CohortState *cohorts;
  guint        n_cohorts;
  GArray      *picks;   /* of TrellisDrawPick */
};

/* Study codes in plain byte order of their UTF-8, which is Unicode code point
 * order: "P010" < "P011" < "P9" < "p001". Never the locale's collation, which
 * differs between machines and languages and would make the same study give
 * a different draw on another computer. */
int
trellis_interview_code_compare (const char *a,
                                const char *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, 0);

  return strcmp (a, b);
}

static int
compare_code_pointers (const void *a,
                       const void *b)
{
  return trellis_interview_code_compare (*(const char * const *) a, *(const char * const *) b);
}

void
trellis_interview_codes_sort (const char **codes,
                              guint        n_codes)
{
  g_return_if_fail (codes != NULL || n_codes == 0);

  if (n_codes > 1)
    qsort (codes, n_codes, sizeof *codes, compare_code_pointers);
}

/* The SHA-256, in lowercase hex, of the eligible lists written one member a
 * line: cohort name, TAB, study code, LF, in UTF-8, cohorts in the given
 * order, codes sorted by trellis_interview_code_compare. A cohort with nobody
 * eligible adds no line. The codes are sorted here as well, so the hash does
 * not depend on the order a caller happened to read them in. */
char *
trellis_interview_eligible_hash (const TrellisDrawCohort *cohorts,
                                 guint                    n_cohorts)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (cohorts != NULL || n_cohorts == 0, NULL);

  for (guint i = 0; i < n_cohorts; i++)
    {
      g_autofree const char **sorted = g_memdup2 (cohorts[i].codes, sizeof (char *) * cohorts[i].n_codes);

      trellis_interview_codes_sort (sorted, cohorts[i].n_codes);
      for (guint k = 0; k < cohorts[i].n_codes; k++)
        {
          g_checksum_update (checksum, (const guchar *) cohorts[i].name, -1);
          g_checksum_update (checksum, (const guchar *) "\t", 1);
          g_checksum_update (checksum, (const guchar *) sorted[k], -1);
          g_checksum_update (checksum, (const guchar *) "\n", 1);
        }
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/* Names and codes go into the hash's lines, so a TAB or line break inside one
 * would make two different lists hash alike; and an empty one cannot be shown. */
static gboolean
check_text (const char  *cohort,
            const char  *text,
            GError     **error)
{
  if (text == NULL || text[0] == '\0' || !g_utf8_validate (text, -1, NULL) ||
      strpbrk (text, "\t\r\n") != NULL)
    {
      g_autofree char *shown = text != NULL ? g_utf8_make_valid (text, -1) : g_strdup ("");

      if (cohort == NULL)
        g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                     _("‘%s’ cannot be a cohort name in a draw: it is empty or holds a tab or line break"),
                     shown);
      else
        g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                     _("%s: ‘%s’ cannot be a study code in a draw: it is empty or holds a tab or line break"),
                     cohort, shown);
      return FALSE;
    }
  return TRUE;
}

/* One cohort's list: sorted, no one twice, no one also in another cohort
 * (@seen holds the codes of the cohorts before), and a quota it can fill. */
static gboolean
check_cohort (const TrellisDrawCohort  *cohort,
              guint                     quota,
              GHashTable               *seen,
              GError                  **error)
{
  if (!check_text (NULL, cohort->name, error))
    return FALSE;
  for (guint k = 0; k < cohort->n_codes; k++)
    {
      const char *code = cohort->codes[k];

      if (!check_text (cohort->name, code, error))
        return FALSE;
      if (k > 0 && trellis_interview_code_compare (cohort->codes[k - 1], code) > 0)
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
                       _("%s: the eligible list is not sorted: ‘%s’ comes after ‘%s’"),
                       cohort->name, code, cohort->codes[k - 1]);
          return FALSE;
        }
      if (!g_hash_table_add (seen, (gpointer) code))
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE,
                       _("%s: ‘%s’ is on the eligible lists twice"), cohort->name, code);
          return FALSE;
        }
    }
  if (quota > cohort->n_codes || cohort->n_codes > (guint) G_MAXINT32)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: a quota of %u is more than the %u person eligible",
                                "%s: a quota of %u is more than the %u people eligible",
                                cohort->n_codes),
                   cohort->name, quota, cohort->n_codes);
      return FALSE;
    }
  return TRUE;
}

/* Everything the draw relies on, checked before any random number is used. */
static gboolean
check_input (const TrellisDrawCohort  *cohorts,
             guint                     n_cohorts,
             const guint              *quotas,
             GError                  **error)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const char *random_version = g_getenv ("G_RANDOM_VERSION");

  /* GLib's old 2.0 g_rand_int_range gives other numbers from the same seed. */
  if (g_strcmp0 (random_version, "2.0") == 0)
    {
      g_set_error_literal (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                           _("The draw cannot be made reproducibly while the environment variable "
                             "G_RANDOM_VERSION is 2.0: unset it and try again"));
      return FALSE;
    }
  for (guint i = 0; i < n_cohorts; i++)
    {
      if (!check_cohort (&cohorts[i], quotas[i], codes, error))
        return FALSE;
      if (!g_hash_table_add (names, (gpointer) cohorts[i].name))
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE,
                       _("The cohort ‘%s’ is in the draw twice"), cohorts[i].name);
          return FALSE;
        }
    }
  return TRUE;
}

/* One step of a cohort's Fisher–Yates shuffle: pick a random one of those not
 * yet drawn and move it to the front of that remainder. */
static const TrellisDrawPick *
draw_step (TrellisInterviewDraw *self,
           guint                 cohort,
           gboolean              replacement)
{
  CohortState *state = &self->cohorts[cohort];
  guint i = state->n_drawn;
  guint j = (guint) g_rand_int_range (self->rand, (gint32) i, (gint32) state->n_codes);
  char *swap = state->codes[i];
  TrellisDrawPick pick;

  state->codes[i] = state->codes[j];
  state->codes[j] = swap;
  state->n_drawn++;

  pick.cohort = cohort;
  pick.code = state->codes[i];
  pick.replacement = replacement;
  g_array_append_val (self->picks, pick);
  return &g_array_index (self->picks, TrellisDrawPick, self->picks->len - 1);
}

TrellisInterviewDraw *
trellis_interview_draw_new (guint64                   seed,
                            const TrellisDrawCohort  *cohorts,
                            guint                     n_cohorts,
                            const guint              *quotas,
                            GError                  **error)
{
  TrellisInterviewDraw *self;
  guint32 words[2];

  g_return_val_if_fail (cohorts != NULL || n_cohorts == 0, NULL);
  g_return_val_if_fail (quotas != NULL || n_cohorts == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_input (cohorts, n_cohorts, quotas, error))
    return NULL;

  self = g_new0 (TrellisInterviewDraw, 1);
  self->seed = seed;
  trellis_interview_seed_split (seed, words);
  self->rand = g_rand_new_with_seed_array (words, G_N_ELEMENTS (words));
  self->n_cohorts = n_cohorts;
  self->cohorts = g_new0 (CohortState, n_cohorts);
  self->picks = g_array_new (FALSE, FALSE, sizeof (TrellisDrawPick));

  for (guint i = 0; i < n_cohorts; i++)
    {
      CohortState *state = &self->cohorts[i];

      state->name = g_strdup (cohorts[i].name);
      state->n_codes = cohorts[i].n_codes;
      state->codes = g_new0 (char *, state->n_codes + 1);
      for (guint k = 0; k < state->n_codes; k++)
        state->codes[k] = g_strdup (cohorts[i].codes[k]);
    }

  /* All cohorts are copied first so the stream order is plainly the
   * documented one: cohort 0's q_0 steps, then cohort 1's, and so on. */
  for (guint i = 0; i < n_cohorts; i++)
    for (guint step = 0; step < quotas[i]; step++)
      draw_step (self, i, FALSE);
  return self;
}

void
trellis_interview_draw_free (TrellisInterviewDraw *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_cohorts; i++)
    {
      g_free (self->cohorts[i].name);
      g_strfreev (self->cohorts[i].codes);
    }
  g_free (self->cohorts);
  g_rand_free (self->rand);
  g_array_unref (self->picks);
  g_free (self);
}

guint64
trellis_interview_draw_get_seed (TrellisInterviewDraw *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->seed;
}

guint
trellis_interview_draw_get_n_cohorts (TrellisInterviewDraw *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_cohorts;
}

const char *
trellis_interview_draw_get_cohort_name (TrellisInterviewDraw *self,
                                        guint                 cohort)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (cohort < self->n_cohorts, NULL);

  return self->cohorts[cohort].name;
}

guint
trellis_interview_draw_get_n_picks (TrellisInterviewDraw *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->picks->len;
}

/* Picks in draw order: the quotas' picks cohort by cohort, then each
 * replacement in the order it was asked for. */
const TrellisDrawPick *
trellis_interview_draw_get_pick (TrellisInterviewDraw *self,
                                 guint                 index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->picks->len, NULL);

  return &g_array_index (self->picks, TrellisDrawPick, index);
}

/* How many of a cohort's eligible people have not been drawn yet. */
guint
trellis_interview_draw_get_n_left (TrellisInterviewDraw *self,
                                   guint                 cohort)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (cohort < self->n_cohorts, 0);

  return self->cohorts[cohort].n_codes - self->cohorts[cohort].n_drawn;
}

/* One more person from @cohort, for someone who declined or did not attend.
 * The pointer stays valid until the next replacement or the draw is freed. */
const TrellisDrawPick *
trellis_interview_draw_replace (TrellisInterviewDraw  *self,
                                guint                  cohort,
                                GError               **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (cohort < self->n_cohorts, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (trellis_interview_draw_get_n_left (self, cohort) == 0)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("No one eligible is left in %s to draw as a replacement"),
                   self->cohorts[cohort].name);
      return NULL;
    }
  return draw_step (self, cohort, TRUE);
}
