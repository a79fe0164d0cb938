/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "trellis-response-export-private.h"
#include "trellis-storage-error.h"

/* The files a response export writes. A long export of a large study runs
 * to hundreds of megabytes, so it is written as it is made, a megabyte at a
 * time, to a temporary file beside the target, which is flushed to disk and
 * renamed over the target only once it is complete: a failed or cancelled
 * export leaves whatever was there before. */

#define FLUSH_AT (1024 * 1024)

static gboolean
set_io_error (TrellisResponseSink  *sink,
              int                   saved_errno,
              GError              **error)
{
  g_autofree char *shown = g_filename_display_name (sink->path);

  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
               _("Could not write the export “%s”: %s"), shown, g_strerror (saved_errno));
  return FALSE;
}

gboolean
trellis_response_sink_open (TrellisResponseSink  *sink,
                            const char           *path,
                            GError              **error)
{
  sink->path = g_strdup (path);
  sink->tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  sink->fd = g_mkstemp_full (sink->tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (sink->fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&sink->tmp_path, g_free);
      return set_io_error (sink, saved_errno, error);
    }
  /* mkstemp makes the file readable by its owner only; an export is not
   * identifiable, so it gets the usual permissions. */
  fchmod (sink->fd, 0644);
  sink->buffer = g_string_sized_new (FLUSH_AT + 64 * 1024);
  return TRUE;
}

static gboolean
write_buffer (TrellisResponseSink  *sink,
              GError              **error)
{
  gsize done = 0;

  while (done < sink->buffer->len)
    {
      gssize n = write (sink->fd, sink->buffer->str + done, sink->buffer->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_io_error (sink, errno, error);
      done += n;
    }
  g_string_truncate (sink->buffer, 0);
  return TRUE;
}

/* Writes what has gathered once it is a megabyte, or, with finish, all of
 * it, and puts the file in place. */
gboolean
trellis_response_sink_flush (TrellisResponseSink  *sink,
                             gboolean              finish,
                             GError              **error)
{
  int fd;

  if (!finish && sink->buffer->len < FLUSH_AT)
    return TRUE;
  if (!write_buffer (sink, error))
    return FALSE;
  if (!finish)
    return TRUE;
  fd = sink->fd;
  sink->fd = -1;
  if (fsync (fd) != 0 || close (fd) != 0)
    return set_io_error (sink, errno, error);
  if (g_rename (sink->tmp_path, sink->path) != 0)
    return set_io_error (sink, errno, error);
  g_clear_pointer (&sink->tmp_path, g_free);
  return TRUE;
}

/* A file that was not finished is removed. */
void
trellis_response_sink_clear (TrellisResponseSink *sink)
{
  if (sink->fd >= 0 && sink->buffer != NULL)
    close (sink->fd);
  if (sink->tmp_path != NULL)
    g_unlink (sink->tmp_path);
  g_clear_pointer (&sink->tmp_path, g_free);
  g_clear_pointer (&sink->path, g_free);
  if (sink->buffer != NULL)
    g_string_free (g_steal_pointer (&sink->buffer), TRUE);
}

/* An export written over the study itself would destroy it. */
gboolean
trellis_response_sink_check_not_study (TrellisDatabase  *db,
                                       const char       *path,
                                       GError          **error)
{
  GStatBuf study_stat, target_stat;
  g_autofree char *shown = NULL;

  if (g_stat (trellis_database_get_path (db), &study_stat) != 0 || g_stat (path, &target_stat) != 0 ||
      study_stat.st_dev != target_stat.st_dev || study_stat.st_ino != target_stat.st_ino)
    return TRUE;

  shown = g_filename_display_name (path);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS,
               _("“%s” is the study itself; choose another file for the export"), shown);
  return FALSE;
}
