// Rendering allocates many small strings on every thread; mimalloc's
// thread-local free lists measured faster than glibc's allocator here.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(sablah::cli::main());
}
