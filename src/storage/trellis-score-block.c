/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "trellis-score-block.h"

/* The stored layout: a header of four 32-bit words (magic, participants,
 * observations, zero), then the participants' ids and cohort ids (64-bit),
 * their observation counts (32-bit, padded to 8 bytes), then the
 * observations' timepoint ids (64-bit) and values (doubles). Everything is
 * in the byte order of the machine that wrote it; the magic, read in the
 * wrong order, does not match, so a file moved to another kind of machine
 * has its cache made again there rather than misread. A new layout gets a
 * new magic. */
#define MAGIC 0x54534231u   /* "TSB1" */
#define HEADER_WORDS 4

TrellisScoreBlock *
trellis_score_block_new (void)
{
  TrellisScoreBlock *self = g_new0 (TrellisScoreBlock, 1);
  guint32 zero = 0;

  self->participant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cohort_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->first = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->timepoint_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (self->first, zero);
  return self;
}

void
trellis_score_block_free (TrellisScoreBlock *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->participant_ids);
  g_array_unref (self->cohort_ids);
  g_array_unref (self->first);
  g_array_unref (self->timepoint_ids);
  g_array_unref (self->values);
  g_free (self);
}

guint
trellis_score_block_get_n_participants (const TrellisScoreBlock *self)
{
  return self->participant_ids->len;
}

void
trellis_score_block_add_participant (TrellisScoreBlock *self,
                                     gint64             id,
                                     gint64             cohort_id)
{
  guint32 end = self->values->len;

  g_return_if_fail (self->participant_ids->len == 0 ||
                    id > g_array_index (self->participant_ids, gint64, self->participant_ids->len - 1));

  g_array_append_val (self->participant_ids, id);
  g_array_append_val (self->cohort_ids, cohort_id);
  g_array_append_val (self->first, end);
}

void
trellis_score_block_add_score (TrellisScoreBlock *self,
                               gint64             timepoint_id,
                               double             value)
{
  g_return_if_fail (self->participant_ids->len > 0);

  g_array_append_val (self->timepoint_ids, timepoint_id);
  g_array_append_val (self->values, value);
  g_array_index (self->first, guint32, self->first->len - 1) = self->values->len;
}

static gsize
counts_size (guint64 n_participants)
{
  return (n_participants * sizeof (guint32) + 7) & ~(gsize) 7;
}

static guint64
encoded_size (guint64 n_participants,
              guint64 n_observations)
{
  return HEADER_WORDS * sizeof (guint32) + n_participants * 2 * sizeof (gint64) +
         counts_size (n_participants) + n_observations * (sizeof (gint64) + sizeof (double));
}

/* n elements of array from index on, to @to. An empty array's data is
 * NULL, and even a memcpy () of nothing from NULL is undefined. */
static void
copy_from (guint8 *to,
           GArray *array,
           guint   index,
           guint   n)
{
  gsize size = g_array_get_element_size (array);

  if (n > 0)
    memcpy (to, array->data + (gsize) index * size, (gsize) n * size);
}

static void
take (GArray       *array,
      const guint8 *data,
      guint         n)
{
  g_array_set_size (array, n);
  if (n > 0)
    memcpy (array->data, data, (gsize) n * g_array_get_element_size (array));
}

GBytes *
trellis_score_block_encode (const TrellisScoreBlock *self,
                            guint                    from,
                            guint                    to)
{
  const guint32 *first = (const guint32 *) (gpointer) self->first->data;
  guint n = to - from;
  guint32 begin, n_observations;
  guint8 *data, *at;
  gsize size;

  g_return_val_if_fail (from <= to && to <= self->participant_ids->len, NULL);

  begin = first[from];
  n_observations = first[to] - begin;
  size = encoded_size (n, n_observations);
  at = data = g_malloc0 (size);
  ((guint32 *) (gpointer) at)[0] = MAGIC;
  ((guint32 *) (gpointer) at)[1] = n;
  ((guint32 *) (gpointer) at)[2] = n_observations;
  at += HEADER_WORDS * sizeof (guint32);
  copy_from (at, self->participant_ids, from, n);
  at += n * sizeof (gint64);
  copy_from (at, self->cohort_ids, from, n);
  at += n * sizeof (gint64);
  for (guint p = 0; p < n; p++)
    ((guint32 *) (gpointer) at)[p] = first[from + p + 1] - first[from + p];
  at += counts_size (n);
  copy_from (at, self->timepoint_ids, begin, n_observations);
  at += n_observations * sizeof (gint64);
  copy_from (at, self->values, begin, n_observations);
  return g_bytes_new_take (data, size);
}


TrellisScoreBlock *
trellis_score_block_decode (const guint8 *data,
                            gsize         size)
{
  g_autoptr(TrellisScoreBlock) self = NULL;
  guint32 header[HEADER_WORDS];
  guint32 n, n_observations, total = 0;
  const gint64 *ids;
  const guint8 *at;

  if (data == NULL || size < sizeof header)
    return NULL;
  memcpy (header, data, sizeof header);
  n = header[1];
  n_observations = header[2];
  if (header[0] != MAGIC || header[3] != 0 || size != encoded_size (n, n_observations))
    return NULL;

  self = trellis_score_block_new ();
  at = data + sizeof header;
  take (self->participant_ids, at, n);
  at += (gsize) n * sizeof (gint64);
  take (self->cohort_ids, at, n);
  at += (gsize) n * sizeof (gint64);
  g_array_set_size (self->first, n + 1);
  for (guint p = 0; p < n; p++)
    {
      guint32 count;

      memcpy (&count, at + p * sizeof (guint32), sizeof count);
      if (count > n_observations - total)
        return NULL;
      total += count;
      g_array_index (self->first, guint32, p + 1) = total;
    }
  if (total != n_observations)
    return NULL;
  at += counts_size (n);
  take (self->timepoint_ids, at, n_observations);
  at += (gsize) n_observations * sizeof (gint64);
  take (self->values, at, n_observations);

  ids = (const gint64 *) (gpointer) self->participant_ids->data;
  for (guint p = 1; p < n; p++)
    if (ids[p] <= ids[p - 1])
      return NULL;
  return g_steal_pointer (&self);
}
