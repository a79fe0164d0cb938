/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-instrument.h"

/* An instrument holds whatever it is given, like its items, so that a form
 * can be edited freely; trellis_instrument_validate () says what is wrong
 * before it is saved or used to score. Codes, labels, item texts and band
 * labels are the study's data, kept in its file as the team typed them, so
 * none of them is translated. */
struct _TrellisInstrument
{
  GObject parent_instance;

  gint64 id;
  char *code;
  char *label;
  TrellisScoringRule rule;
  int position;

  GPtrArray *items;      /* of TrellisItem, owned */
  /* What trellis_scoring_compute () needs, built from the items on first
   * use and again after any item changes: the codes point into the items'
   * own strings, so a stale array could point at freed text. */
  GArray *specs;         /* of TrellisItemSpec */
  gboolean specs_valid;
  GArray *bands;         /* of TrellisScoreBand, labels owned */
};

G_DEFINE_FINAL_TYPE (TrellisInstrument, trellis_instrument, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_LABEL,
  PROP_METHOD,
  PROP_MIN_ANSWERED,
  PROP_RULE_VERSION,
  PROP_POSITION,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() arrived in GLib 2.76; bookworm has 2.74. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
clear_band (gpointer data)
{
  TrellisScoreBand *band = data;

  g_free ((char *) band->label);
}

static GArray *
bands_array_new (void)
{
  GArray *bands = g_array_new (FALSE, TRUE, sizeof (TrellisScoreBand));

  g_array_set_clear_func (bands, clear_band);
  return bands;
}

static void
on_item_notify (TrellisItem       *item,
                GParamSpec        *pspec,
                TrellisInstrument *self)
{
  self->specs_valid = FALSE;
}

static void
trellis_instrument_dispose (GObject *object)
{
  TrellisInstrument *self = TRELLIS_INSTRUMENT (object);

  /* Items may outlive the instrument in a list model somewhere else. */
  if (self->items != NULL)
    for (guint i = 0; i < self->items->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->items, i), self);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->specs_valid = FALSE;

  G_OBJECT_CLASS (trellis_instrument_parent_class)->dispose (object);
}

static void
trellis_instrument_finalize (GObject *object)
{
  TrellisInstrument *self = TRELLIS_INSTRUMENT (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->specs, g_array_unref);
  g_clear_pointer (&self->bands, g_array_unref);

  G_OBJECT_CLASS (trellis_instrument_parent_class)->finalize (object);
}

static void
trellis_instrument_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TrellisInstrument *self = TRELLIS_INSTRUMENT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_METHOD: g_value_set_int (value, self->rule.method); break;
    case PROP_MIN_ANSWERED: g_value_set_int (value, self->rule.min_answered); break;
    case PROP_RULE_VERSION: g_value_set_int (value, self->rule.version); break;
    case PROP_POSITION: g_value_set_int (value, self->position); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->items != NULL ? self->items->len : 0); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_instrument_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TrellisInstrument *self = TRELLIS_INSTRUMENT (object);
  TrellisScoringRule rule = self->rule;

  switch (prop_id)
    {
    case PROP_ID: trellis_instrument_set_id (self, g_value_get_int64 (value)); break;
    case PROP_CODE: trellis_instrument_set_code (self, g_value_get_string (value)); break;
    case PROP_LABEL: trellis_instrument_set_label (self, g_value_get_string (value)); break;
    case PROP_METHOD: rule.method = g_value_get_int (value); trellis_instrument_set_rule (self, &rule); break;
    case PROP_MIN_ANSWERED: rule.min_answered = g_value_get_int (value); trellis_instrument_set_rule (self, &rule); break;
    case PROP_RULE_VERSION: rule.version = g_value_get_int (value); trellis_instrument_set_rule (self, &rule); break;
    case PROP_POSITION: trellis_instrument_set_position (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_instrument_class_init (TrellisInstrumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = trellis_instrument_dispose;
  object_class->finalize = trellis_instrument_finalize;
  object_class->get_property = trellis_instrument_get_property;
  object_class->set_property = trellis_instrument_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, flags);
  /* A TrellisScoringMethod; a plain int, as the enum has no GType. */
  properties[PROP_METHOD] =
    g_param_spec_int ("method", NULL, NULL, TRELLIS_SCORING_MEAN, TRELLIS_SCORING_CORRECT,
                      TRELLIS_SCORING_MEAN, flags);
  /* Out-of-range values are representable so that validate () can name them. */
  properties[PROP_MIN_ANSWERED] =
    g_param_spec_int ("min-answered", NULL, NULL, 0, G_MAXINT, 1, flags);
  properties[PROP_RULE_VERSION] =
    g_param_spec_int ("rule-version", NULL, NULL, 0, G_MAXINT, 1, flags);
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_instrument_init (TrellisInstrument *self)
{
  self->rule = (TrellisScoringRule) {
    .method = TRELLIS_SCORING_MEAN,
    .min_answered = 1,
    .version = 1,
  };
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->specs = g_array_new (FALSE, TRUE, sizeof (TrellisItemSpec));
  self->bands = bands_array_new ();
}

/* A new instrument's rule starts at version 1. */
TrellisInstrument *
trellis_instrument_new (const char           *code,
                        const char           *label,
                        TrellisScoringMethod  method,
                        int                   min_answered)
{
  return g_object_new (TRELLIS_TYPE_INSTRUMENT,
                       "code", code,
                       "label", label,
                       "method", (int) method,
                       "min-answered", min_answered,
                       NULL);
}

gint64
trellis_instrument_get_id (TrellisInstrument *self)
{
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (self), 0);
  return self->id;
}

void
trellis_instrument_set_id (TrellisInstrument *self,
                           gint64             id)
{
  g_return_if_fail (TRELLIS_IS_INSTRUMENT (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/* Short and stable, e.g. "BRS": it names the score in exports. */
const char *
trellis_instrument_get_code (TrellisInstrument *self)
{
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (self), NULL);
  return self->code;
}

void
trellis_instrument_set_code (TrellisInstrument *self,
                             const char        *code)
{
  g_return_if_fail (TRELLIS_IS_INSTRUMENT (self));

  if (replace_string (&self->code, code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

const char *
trellis_instrument_get_label (TrellisInstrument *self)
{
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (self), NULL);
  return self->label;
}

void
trellis_instrument_set_label (TrellisInstrument *self,
                              const char        *label)
{
  g_return_if_fail (TRELLIS_IS_INSTRUMENT (self));

  if (replace_string (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

void
trellis_instrument_get_rule (TrellisInstrument  *self,
                             TrellisScoringRule *rule)
{
  g_return_if_fail (TRELLIS_IS_INSTRUMENT (self));
  g_return_if_fail (rule != NULL);

  *rule = self->rule;
}

/* The whole rule at once, each changed part notified together afterwards.
 * Raising the version when the rule changes is the caller's decision: the
 * store does it, since it knows whether scores were already saved. */
void
trellis_instrument_set_rule (TrellisInstrument        *self,
                             const TrellisScoringRule *rule)
{
  g_return_if_fail (TRELLIS_IS_INSTRUMENT (self));
  g_return_if_fail (rule != NULL);
  g_return_if_fail (rule->method >= TRELLIS_SCORING_MEAN && rule->method <= TRELLIS_SCORING_CORRECT);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->rule.method != rule->method)
    {
      self->rule.method = rule->method;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
    }
  if (self->rule.min_answered != rule->min_answered)
    {
      self->rule.min_answered = rule->min_answered;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_ANSWERED]);
    }
  if (self->rule.version != rule->version)
    {
      self->rule.version = rule->version;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RULE_VERSION]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* The instrument's place among the study's instruments. */
int
trellis_instrument_get_position (TrellisInstrument *self)
{
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (self), 0);
  return self->position;
}

void
trellis_instrument_set_position (TrellisInstrument *self,
                                 int                position)
{
  g_return_if_fail (TRELLIS_IS_INSTRUMENT (self));

  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/* Read only for callers: add items with trellis_instrument_add_item (), so
 * that the specs are rebuilt and n-items is notified. */
GPtrArray *
trellis_instrument_get_items (TrellisInstrument *self)
{
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (self), NULL);
  return self->items;
}

/* Appends @item, taking a reference. */
void
trellis_instrument_add_item (TrellisInstrument *self,
                             TrellisItem       *item)
{
  g_return_if_fail (TRELLIS_IS_INSTRUMENT (self));
  g_return_if_fail (TRELLIS_IS_ITEM (item));
  g_return_if_fail (!g_ptr_array_find (self->items, item, NULL));

  g_ptr_array_add (self->items, g_object_ref (item));
  g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify), self, 0);
  self->specs_valid = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Codes are compared without regard to case, as validate () keeps them
 * unique that way: REDCap exports "brs1" for the item coded "BRS1". */
TrellisItem *
trellis_instrument_find_item (TrellisInstrument *self,
                              const char        *code,
                              guint             *index)
{
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      TrellisItem *item = g_ptr_array_index (self->items, i);
      const char *item_code = trellis_item_get_code (item);

      if (item_code != NULL && g_ascii_strcasecmp (item_code, code) == 0)
        {
          if (index != NULL)
            *index = i;
          return item;
        }
    }
  return NULL;
}

const TrellisItemSpec *
trellis_instrument_get_specs (TrellisInstrument *self,
                              guint             *n_items)
{
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (self), NULL);

  /* The length check also catches items added to the array directly. */
  if (!self->specs_valid || self->specs->len != self->items->len)
    {
      g_array_set_size (self->specs, self->items->len);
      for (guint i = 0; i < self->items->len; i++)
        trellis_item_get_spec (g_ptr_array_index (self->items, i),
                               &g_array_index (self->specs, TrellisItemSpec, i));
      self->specs_valid = TRUE;
    }
  if (n_items != NULL)
    *n_items = self->specs->len;
  return (const TrellisItemSpec *) self->specs->data;
}

/* Plots span it, so the reader sees where on the scale people are. */
gboolean
trellis_instrument_get_score_range (TrellisInstrument *self,
                                    double            *low,
                                    double            *high)
{
  const TrellisItemSpec *specs;
  guint n_items;
  double min_sum = 0, max_sum = 0, min_item = INFINITY, max_item = -INFINITY;

  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (self), FALSE);
  g_return_val_if_fail (low != NULL && high != NULL, FALSE);

  specs = trellis_instrument_get_specs (self, &n_items);
  if (n_items == 0)
    return FALSE;
  for (guint i = 0; i < n_items; i++)
    {
      min_sum += specs[i].min;
      max_sum += specs[i].max;
      min_item = MIN (min_item, specs[i].min);
      max_item = MAX (max_item, specs[i].max);
    }
  switch (self->rule.method)
    {
    case TRELLIS_SCORING_MEAN:
      *low = min_item, *high = max_item;
      break;
    case TRELLIS_SCORING_SUM:
      *low = min_sum, *high = max_sum;
      break;
    case TRELLIS_SCORING_CORRECT:
    default:
      *low = 0, *high = n_items;
      break;
    }
  return *low < *high;
}

const TrellisScoreBand *
trellis_instrument_get_bands (TrellisInstrument *self,
                              guint             *n_bands)
{
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (self), NULL);

  if (n_bands != NULL)
    *n_bands = self->bands->len;
  return (const TrellisScoreBand *) self->bands->data;
}

/* Takes copies of the bands and their labels. Like the rest of the
 * instrument they are checked by validate (), not here. */
void
trellis_instrument_set_bands (TrellisInstrument      *self,
                              const TrellisScoreBand *bands,
                              guint                   n_bands)
{
  g_autoptr(GArray) copy = bands_array_new ();

  g_return_if_fail (TRELLIS_IS_INSTRUMENT (self));
  g_return_if_fail (bands != NULL || n_bands == 0);
  for (guint i = 0; i < n_bands; i++)
    g_return_if_fail (bands[i].label != NULL);

  for (guint i = 0; i < n_bands; i++)
    {
      TrellisScoreBand band = bands[i];

      band.label = g_strdup (band.label);
      g_array_append_val (copy, band);
    }
  g_clear_pointer (&self->bands, g_array_unref);
  self->bands = g_steal_pointer (&copy);
}

/* One band as written in text: "low<3.00", "normal<=4.30", or for the last
 * band its label alone. Two decimals in the C locale, so that a study file
 * written in Germany reads the same in England. */
static void
append_band (GString                *text,
             const TrellisScoreBand *band,
             gboolean                last)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (text, band->label);
  if (last)
    return;
  g_string_append (text, band->inclusive ? "<=" : "<");
  g_string_append (text, g_ascii_formatd (number, sizeof number, "%.2f", band->upper));
}

static char *
format_band (const TrellisScoreBand *band,
             gboolean                last)
{
  GString *text = g_string_new (NULL);

  append_band (text, band, last);
  return g_string_free (text, FALSE);
}

/* The bands as text, "" when there are none. Bounds keep two decimals. */
char *
trellis_instrument_bands_to_text (TrellisInstrument *self)
{
  GString *text;

  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (self), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->bands->len; i++)
    {
      if (i > 0)
        g_string_append (text, "; ");
      append_band (text, &g_array_index (self->bands, TrellisScoreBand, i),
                   i + 1 == self->bands->len);
    }
  return g_string_free (text, FALSE);
}

/* A label is what a report prints, so it must be there; ‘;’ and ‘<’ would
 * not survive the trip through text. */
static gboolean
check_band_label (const TrellisScoreBand  *band,
                  gboolean                 last,
                  GError                 **error)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (band->label != NULL, FALSE);

  if (band->label[0] != '\0'
      && strchr (band->label, ';') == NULL && strchr (band->label, '<') == NULL)
    return TRUE;
  shown = format_band (band, last);
  if (band->label[0] == '\0')
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                 _("‘%s’ has no label"), shown);
  else
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                 _("‘%s’: a label cannot hold ‘;’ or ‘<’"), shown);
  return FALSE;
}

/* Each bound lies above the one before, so that no band is empty. The one
 * tie allowed is "a<3; b<=3", where b holds exactly 3. */
static gboolean
check_band_order (const TrellisScoreBand  *before,
                  const TrellisScoreBand  *band,
                  GError                 **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *shown_before = NULL;

  if (band->upper > before->upper
      || (band->upper == before->upper && !before->inclusive && band->inclusive))
    return TRUE;
  shown = format_band (band, FALSE);
  shown_before = format_band (before, FALSE);
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
               _("‘%s’ must end above ‘%s’, the band before it"), shown, shown_before);
  return FALSE;
}

static gboolean
check_bands (const TrellisScoreBand  *bands,
             guint                    n_bands,
             GError                 **error)
{
  for (guint i = 0; i < n_bands; i++)
    {
      gboolean last = i + 1 == n_bands;

      if (!check_band_label (&bands[i], last, error))
        return FALSE;
      if (!last && !isfinite (bands[i].upper))
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                       _("Band ‘%s’ needs a finite bound"), bands[i].label);
          return FALSE;
        }
      if (i > 0 && !last && !check_band_order (&bands[i - 1], &bands[i], error))
        return FALSE;
    }
  return TRUE;
}

/* The bound after "<" or "<=": a number in the C locale and nothing else. */
static gboolean
parse_bound (const char  *part,
             const char  *text,
             double      *upper,
             GError     **error)
{
  g_autofree char *number = g_strstrip (g_strdup (text));
  char *end = NULL;

  *upper = g_ascii_strtod (number, &end);
  if (number[0] != '\0' && end != NULL && *end == '\0' && isfinite (*upper))
    return TRUE;
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
               _("‘%s’: ‘%s’ is not a number"), part, number);
  return FALSE;
}

/* One part between semicolons, already trimmed, into @band (label owned). */
static gboolean
parse_band (const char        *part,
            gboolean           last,
            TrellisScoreBand  *band,
            GError           **error)
{
  const char *less = strchr (part, '<');

  *band = (TrellisScoreBand) { .upper = INFINITY, .inclusive = TRUE };
  if (last && less != NULL)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is the last band and takes no bound: it holds every "
                     "score above the band before"), part);
      return FALSE;
    }
  if (!last && less == NULL)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ needs a bound, such as ‘%s<3.00’ or ‘%s<=3.00’"), part, part, part);
      return FALSE;
    }
  if (!last)
    {
      band->inclusive = less[1] == '=';
      if (!parse_bound (part, less + (band->inclusive ? 2 : 1), &band->upper, error))
        return FALSE;
    }
  band->label = g_strstrip (g_strndup (part, less != NULL ? (gsize) (less - part) : strlen (part)));
  return TRUE;
}

static GArray *
parse_bands (const char  *text,
             GError     **error)
{
  g_autoptr(GArray) bands = bands_array_new ();
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_auto(GStrv) parts = NULL;
  guint n_parts;

  if (trimmed[0] == '\0')
    return g_steal_pointer (&bands);
  parts = g_strsplit (text, ";", -1);
  n_parts = g_strv_length (parts);
  /* Empty parts first: after a stray ‘;’ every other message would be
   * about the wrong band. */
  for (guint i = 0; i < n_parts; i++)
    if (g_strstrip (parts[i])[0] == '\0')
      {
        g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                     _("band %u of %u is empty"), i + 1, n_parts);
        return NULL;
      }
  for (guint i = 0; i < n_parts; i++)
    {
      TrellisScoreBand band;

      if (!parse_band (parts[i], i + 1 == n_parts, &band, error))
        return NULL;
      g_array_append_val (bands, band);
    }
  if (!check_bands ((const TrellisScoreBand *) bands->data, bands->len, error))
    return NULL;
  return g_steal_pointer (&bands);
}

/* Says whose bands are wrong, when the instrument has a code yet. */
static void
prefix_bands_error (TrellisInstrument  *self,
                    GError            **error)
{
  if (self->code != NULL && self->code[0] != '\0')
    g_prefix_error (error, _("Score bands of %s: "), self->code);
  else
    g_prefix_error (error, _("Score bands: "));
}

/* Replaces the bands from text such as "low<3.00; normal<=4.30; high";
 * spaces around each part and label are dropped and empty text means no
 * bands. On error the bands are left as they were. */
gboolean
trellis_instrument_bands_from_text (TrellisInstrument  *self,
                                    const char         *text,
                                    GError            **error)
{
  GArray *bands;

  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bands = parse_bands (text, error);
  if (bands == NULL)
    {
      prefix_bands_error (self, error);
      return FALSE;
    }
  g_clear_pointer (&self->bands, g_array_unref);
  self->bands = bands;
  return TRUE;
}

/* Item codes name columns in imports and exports, where case is not
 * trusted, so "brs1" and "BRS1" would be the same column. */
static gboolean
check_unique_codes (TrellisInstrument  *self,
                    GError            **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      const char *code = trellis_item_get_code (g_ptr_array_index (self->items, i));
      char *key = g_ascii_strdown (code != NULL ? code : "", -1);

      if (!g_hash_table_add (seen, key))
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE,
                       _("More than one item is coded ‘%s’ (codes are compared "
                         "without regard to case)"), code);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_items (TrellisInstrument  *self,
             GError            **error)
{
  const TrellisItemSpec *specs;
  guint n_items;

  specs = trellis_instrument_get_specs (self, &n_items);
  for (guint i = 0; i < n_items; i++)
    if (!trellis_scoring_check_item (&specs[i], error))
      return FALSE;
  if (!check_unique_codes (self, error))
    return FALSE;
  return trellis_scoring_check_rule (&self->rule, specs, n_items, error);
}

/* Everything a score depends on, in the order a person would fix it. */
gboolean
trellis_instrument_validate (TrellisInstrument  *self,
                             GError            **error)
{
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->code == NULL || self->code[0] == '\0')
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The instrument needs a code"));
      return FALSE;
    }
  if (self->label == NULL || self->label[0] == '\0')
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("Instrument %s needs a label"), self->code);
      return FALSE;
    }
  if (!check_items (self, error))
    {
      /* TRANSLATORS: the instrument's code before what is wrong with it,
       * e.g. "BRS: Item BRS3: …". */
      g_prefix_error (error, _("%s: "), self->code);
      return FALSE;
    }
  if (!check_bands ((const TrellisScoreBand *) self->bands->data, self->bands->len, error))
    {
      prefix_bands_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* @values holds one value per item, in order, TRELLIS_ITEM_UNANSWERED for
 * an item left out. */
void
trellis_instrument_score (TrellisInstrument *self,
                          const int         *values,
                          TrellisScore      *score)
{
  const TrellisItemSpec *specs;
  guint n_items;

  g_return_if_fail (TRELLIS_IS_INSTRUMENT (self));
  g_return_if_fail (score != NULL);

  specs = trellis_instrument_get_specs (self, &n_items);
  trellis_scoring_compute (&self->rule, specs, n_items, values, score);
}

/* The Brief Resilience Scale: Smith, B. W., Dalen, J., Wiggins, K., Tooley,
 * E., Christopher, P., & Bernard, J. (2008). The brief resilience scale:
 * assessing the ability to bounce back. International Journal of Behavioral
 * Medicine, 15(3), 194–200. Six statements rated 1–5; the negatively worded
 * items 2, 4 and 6 are reversed, and the score is the mean. */
static const char *const brs_texts[] = {
  "I tend to bounce back quickly after hard times",
  "I have a hard time making it through stressful events",
  "It does not take me long to recover from a stressful event",
  "It is hard for me to snap back when something bad happens",
  "I usually come through difficult times with little trouble",
  "I tend to take a long time to get over set-backs in my life",
};

/* Anchor labels for 1–5; the items stay integer items. */
static const char *const brs_choices[] = {
  "Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree", NULL,
};

/* Smith et al.'s interpretation: low below 3.00, normal 3.00–4.30, high
 * above 4.30. */
static const TrellisScoreBand brs_bands[] = {
  { "low", 3.00, FALSE },
  { "normal", 4.30, TRUE },
  { "high", INFINITY, TRUE },
};

/* The missing-item rule is Trellis's default for the BRS, not part of the
 * published scale: a mean is scored when at least 5 of the 6 items are
 * answered (a mean needs no prorating). Each study can edit it, which raises
 * the rule version. */
TrellisInstrument *
trellis_instrument_new_brief_resilience_scale (void)
{
  TrellisInstrument *self;

  self = trellis_instrument_new ("BRS", "Brief Resilience Scale", TRELLIS_SCORING_MEAN, 5);
  for (guint i = 0; i < G_N_ELEMENTS (brs_texts); i++)
    {
      g_autofree char *code = g_strdup_printf ("BRS%u", i + 1);
      g_autoptr(TrellisItem) item = trellis_item_new (code, brs_texts[i], TRELLIS_ITEM_INTEGER, 1, 5);

      /* Items 2, 4 and 6, counted from 1. */
      trellis_item_set_reverse (item, i % 2 == 1);
      trellis_item_set_choices (item, brs_choices);
      trellis_item_set_position (item, (int) i);
      trellis_instrument_add_item (self, item);
    }
  trellis_instrument_set_bands (self, brs_bands, G_N_ELEMENTS (brs_bands));
  return self;
}
