/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-item.h"

/* An item holds whatever it is given, even a scale upside down: a form being
 * edited passes through such states. trellis_scoring_check_item () (through
 * trellis_instrument_validate ()) says what is wrong before anything is saved.
 * The code, text and choice labels are the study's data, stored in its file
 * as the team typed them, so they are never translated. */
struct _TrellisItem
{
  GObject parent_instance;

  gint64 id;
  char *code;
  char *text;
  TrellisItemKind kind;
  int min;
  int max;
  gboolean reverse;
  int correct;
  char **choices;
  int position;
};

G_DEFINE_FINAL_TYPE (TrellisItem, trellis_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_TEXT,
  PROP_KIND,
  PROP_MIN,
  PROP_MAX,
  PROP_REVERSE,
  PROP_CORRECT,
  PROP_CHOICES,
  PROP_POSITION,
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

/* g_strv_equal () refuses NULL, and NULL is how an item says "no labels". */
static gboolean
choices_equal (const char *const *a,
               const char *const *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal (a, b);
}

static void
trellis_item_finalize (GObject *object)
{
  TrellisItem *self = TRELLIS_ITEM (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->choices, g_strfreev);

  G_OBJECT_CLASS (trellis_item_parent_class)->finalize (object);
}

static void
trellis_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TrellisItem *self = TRELLIS_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_MIN: g_value_set_int (value, self->min); break;
    case PROP_MAX: g_value_set_int (value, self->max); break;
    case PROP_REVERSE: g_value_set_boolean (value, self->reverse); break;
    case PROP_CORRECT: g_value_set_int (value, self->correct); break;
    case PROP_CHOICES: g_value_set_boxed (value, self->choices); break;
    case PROP_POSITION: g_value_set_int (value, self->position); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_item_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TrellisItem *self = TRELLIS_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: trellis_item_set_id (self, g_value_get_int64 (value)); break;
    case PROP_CODE: trellis_item_set_code (self, g_value_get_string (value)); break;
    case PROP_TEXT: trellis_item_set_text (self, g_value_get_string (value)); break;
    case PROP_KIND: trellis_item_set_kind (self, g_value_get_int (value)); break;
    case PROP_MIN: trellis_item_set_range (self, g_value_get_int (value), self->max); break;
    case PROP_MAX: trellis_item_set_range (self, self->min, g_value_get_int (value)); break;
    case PROP_REVERSE: trellis_item_set_reverse (self, g_value_get_boolean (value)); break;
    case PROP_CORRECT: trellis_item_set_correct (self, g_value_get_int (value)); break;
    case PROP_CHOICES: trellis_item_set_choices (self, g_value_get_boxed (value)); break;
    case PROP_POSITION: trellis_item_set_position (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_item_class_init (TrellisItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trellis_item_finalize;
  object_class->get_property = trellis_item_get_property;
  object_class->set_property = trellis_item_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, flags);
  /* A TrellisItemKind; a plain int, as the enum has no GType. */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, TRELLIS_ITEM_INTEGER, TRELLIS_ITEM_CORRECT,
                      TRELLIS_ITEM_INTEGER, flags);
  properties[PROP_MIN] =
    g_param_spec_int ("min", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_MAX] =
    g_param_spec_int ("max", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_REVERSE] =
    g_param_spec_boolean ("reverse", NULL, NULL, FALSE, flags);
  properties[PROP_CORRECT] =
    g_param_spec_int ("correct", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_CHOICES] =
    g_param_spec_boxed ("choices", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL, 0, G_MAXINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_item_init (TrellisItem *self)
{
}

TrellisItem *
trellis_item_new (const char      *code,
                  const char      *text,
                  TrellisItemKind  kind,
                  int              min,
                  int              max)
{
  return g_object_new (TRELLIS_TYPE_ITEM,
                       "code", code,
                       "text", text,
                       "kind", (int) kind,
                       "min", min,
                       "max", max,
                       NULL);
}

gint64
trellis_item_get_id (TrellisItem *self)
{
  g_return_val_if_fail (TRELLIS_IS_ITEM (self), 0);
  return self->id;
}

void
trellis_item_set_id (TrellisItem *self,
                     gint64       id)
{
  g_return_if_fail (TRELLIS_IS_ITEM (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/* The variable name in exports and imports, e.g. "BRS3". */
const char *
trellis_item_get_code (TrellisItem *self)
{
  g_return_val_if_fail (TRELLIS_IS_ITEM (self), NULL);
  return self->code;
}

void
trellis_item_set_code (TrellisItem *self,
                       const char  *code)
{
  g_return_if_fail (TRELLIS_IS_ITEM (self));

  if (replace_string (&self->code, code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

/* The question as the participant reads it. */
const char *
trellis_item_get_text (TrellisItem *self)
{
  g_return_val_if_fail (TRELLIS_IS_ITEM (self), NULL);
  return self->text;
}

void
trellis_item_set_text (TrellisItem *self,
                       const char  *text)
{
  g_return_if_fail (TRELLIS_IS_ITEM (self));

  if (replace_string (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

TrellisItemKind
trellis_item_get_kind (TrellisItem *self)
{
  g_return_val_if_fail (TRELLIS_IS_ITEM (self), TRELLIS_ITEM_INTEGER);
  return self->kind;
}

void
trellis_item_set_kind (TrellisItem     *self,
                       TrellisItemKind  kind)
{
  g_return_if_fail (TRELLIS_IS_ITEM (self));
  g_return_if_fail (kind >= TRELLIS_ITEM_INTEGER && kind <= TRELLIS_ITEM_CORRECT);

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

int
trellis_item_get_min (TrellisItem *self)
{
  g_return_val_if_fail (TRELLIS_IS_ITEM (self), 0);
  return self->min;
}

int
trellis_item_get_max (TrellisItem *self)
{
  g_return_val_if_fail (TRELLIS_IS_ITEM (self), 0);
  return self->max;
}

/* Both ends at once, so that moving a scale from 1–5 to 6–10 never passes
 * through a state a listener would find upside down; each end that changed
 * is notified, together, after both are set. */
void
trellis_item_set_range (TrellisItem *self,
                        int          min,
                        int          max)
{
  g_return_if_fail (TRELLIS_IS_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->min != min)
    {
      self->min = min;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN]);
    }
  if (self->max != max)
    {
      self->max = max;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Scored as min + max − value. */
gboolean
trellis_item_get_reverse (TrellisItem *self)
{
  g_return_val_if_fail (TRELLIS_IS_ITEM (self), FALSE);
  return self->reverse;
}

void
trellis_item_set_reverse (TrellisItem *self,
                          gboolean     reverse)
{
  g_return_if_fail (TRELLIS_IS_ITEM (self));

  if (self->reverse == !!reverse)
    return;
  self->reverse = !!reverse;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVERSE]);
}

/* The correct answer of a test question; ignored for other kinds. */
int
trellis_item_get_correct (TrellisItem *self)
{
  g_return_val_if_fail (TRELLIS_IS_ITEM (self), 0);
  return self->correct;
}

void
trellis_item_set_correct (TrellisItem *self,
                          int          correct)
{
  g_return_if_fail (TRELLIS_IS_ITEM (self));

  if (self->correct == correct)
    return;
  self->correct = correct;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CORRECT]);
}

/* Labels for min, min + 1, …, or NULL. A choice or test item needs them to
 * be shown; on an integer item they are optional anchor labels, such as the
 * BRS's "Strongly disagree" … "Strongly agree". */
const char *const *
trellis_item_get_choices (TrellisItem *self)
{
  g_return_val_if_fail (TRELLIS_IS_ITEM (self), NULL);
  return (const char *const *) self->choices;
}

void
trellis_item_set_choices (TrellisItem       *self,
                          const char *const *choices)
{
  g_return_if_fail (TRELLIS_IS_ITEM (self));

  if (choices_equal ((const char *const *) self->choices, choices))
    return;
  g_strfreev (self->choices);
  self->choices = g_strdupv ((char **) choices);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOICES]);
}

/* The item's place in its instrument, as the study file orders them. The
 * instrument itself keeps its items in the order they were added. */
int
trellis_item_get_position (TrellisItem *self)
{
  g_return_val_if_fail (TRELLIS_IS_ITEM (self), 0);
  return self->position;
}

void
trellis_item_set_position (TrellisItem *self,
                           int          position)
{
  g_return_if_fail (TRELLIS_IS_ITEM (self));

  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/* The item as scoring sees it. The spec's code points into the item, so it
 * is valid only until the code changes or the item is freed. */
void
trellis_item_get_spec (TrellisItem     *self,
                       TrellisItemSpec *spec)
{
  g_return_if_fail (TRELLIS_IS_ITEM (self));
  g_return_if_fail (spec != NULL);

  *spec = (TrellisItemSpec) {
    .code = self->code,
    .kind = self->kind,
    .min = self->min,
    .max = self->max,
    .reverse = self->reverse,
    .correct = self->correct,
  };
}
