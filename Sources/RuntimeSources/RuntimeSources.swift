/// The sources of the modules `notes` ships to chapters (`NotebookRuntime` and `Figures`), as
/// data compiled into the binary, so that a `notes` copied anywhere can build them for a book
/// whose package does not provide them. `files` — (module, path inside the module's folder,
/// text), sorted by module then path — is generated on every build by the `EmbedRuntime`
/// plugin (Plugins/EmbedRuntime) from Sources/Figures and Sources/NotebookRuntime.
public enum RuntimeSources {}
