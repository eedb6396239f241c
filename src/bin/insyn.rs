//! The viewer with every page: Trunk's development build (`cargo xtask dev`),
//! and in the release site the module of `404.html` alone (an address
//! without a page of its own can be any family's). Every other page loads
//! its family's module (`insyn-start`, `insyn-report`, `insyn-figures`,
//! `insyn-compare`, `insyn-embeds`).
fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        // No validator module here: this build validates in process.
        insyn::ui::state::check_in_process(insyn::model::validate::check);
        insyn::ui::state::read_own_in_process(insyn::model::migrate::read_own);
        insyn::ui::boot::start(insyn::ui::pages::Pages::ALL);
    }
}

insyn::mount_embed_export!(insyn::ui::pages::Pages::ALL);
