/* pk-test-cli.c
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <poppler.h>
#include <string.h>

#include "pk-test-cli.h"

void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

/* Runs @program (NULL: $PK_CLI) with @args; @env: NAME, VALUE pairs to set,
 * NULL-terminated; @setup runs in the child before it starts (limits, user). */
void
run_full (Run                 *r,
          const char          *program,
          const char * const  *env,
          const char * const  *args,
          GSpawnChildSetupFunc setup)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) (program ? program : g_getenv ("PK_CLI")));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LC_ALL");
  for (guint i = 0; env && env[i]; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  if (setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, setup, NULL, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_exit_status (proc);
}

void
run_env (Run                *r,
         const char * const *env,
         const char * const *args)
{
  run_full (r, NULL, env, args, NULL);
}

/* A temporary folder of @prefix with the sample workspace in it, made with
 * the CLI; *@dir and *@sample are for the test to keep. */
void
pk_test_cli_make_sample (const char  *prefix,
                         char       **dir,
                         char       **sample)
{
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);
  g_auto(Run) r = { 0 };

  g_assert_nonnull (g_getenv ("PK_CLI"));
  *dir = g_dir_make_tmp (template, NULL);
  *sample = g_build_filename (*dir, "sample.pkws", NULL);
  RUN (&r, "workspace", "create", "--sample", *sample);
  g_assert_cmpint (r.status, ==, 0);
}

/* cli.md: status 2, nothing on stdout, one line on stderr, no GLib chatter */
void
assert_usage_error (Run *r)
{
  g_assert_cmpint (r->status, ==, 2);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, "pishkhan-cli: "));
  g_assert_true (g_str_has_suffix (r->err, "\n"));
  g_assert_true (strchr (r->err, '\n') == r->err + strlen (r->err) - 1);   /* one line */
  g_assert_null (strstr (r->err, "CRITICAL"));
  g_assert_null (strstr (r->err, "WARNING"));
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The text of every page of a PDF, as Poppler reads it back. */
char *
pk_test_pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);   /* no autoptr in 22.02 */
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);

      /* without the embedding marks Poppler puts around each right-to-left glyph */
      for (const char *p = t; p && *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (!(c >= 0x202A && c <= 0x202E) && c != 0x200E && c != 0x200F)
            g_string_append_unichar (text, c);
        }
      g_object_unref (page);
    }
  g_object_unref (doc);
  return g_string_free (text, FALSE);
}

/* Poppler gives Persian a glyph at a time, with a space where the glyphs'
 * spacing suggests one, and drops the zero-width non-joiner: @text without
 * either, to compare words in. */
char *
pk_test_squeeze (const char *text)
{
  GString *squeezed = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x200C)
        g_string_append_unichar (squeezed, c);
    }
  return g_string_free (squeezed, FALSE);
}
