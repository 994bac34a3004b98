//! When to use colours: a value the configuration file (`color = "never"`) and the command line
//! (`--color never`) both give, with `NO_COLOR` deciding `auto`.

/// When to use colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour, given whether `NO_COLOR` is set (to any value).
    pub fn colours(self, no_color: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color,
        }
    }
}
