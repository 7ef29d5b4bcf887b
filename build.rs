//! Windows only: puts the app icon, the version information that Explorer shows (文件说明,
//! 产品名称, 版本) and the application manifest into nianbao.exe. Other targets build nothing
//! here. Cross-compiling from Linux needs MinGW-w64's windres (Debian `binutils-mingw-w64`,
//! pulled in by `gcc-mingw-w64-x86-64`); winresource finds it by the target's prefix.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=packaging/icons/nianbao.ico");
    println!("cargo:rerun-if-changed=packaging/windows/nianbao.exe.manifest");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = env!("CARGO_PKG_VERSION");
    let mut res = winresource::WindowsResource::new();
    res.set_icon("packaging/icons/nianbao.ico")
        .set_manifest_file("packaging/windows/nianbao.exe.manifest")
        // Chinese (PRC): Explorer shows these strings under 详细信息.
        .set_language(0x0804)
        .set("FileDescription", "年报 — 政府信息公开工作年度报告")
        .set("ProductName", "年报")
        .set("InternalName", "nianbao")
        .set("OriginalFilename", "nianbao.exe")
        .set("LegalCopyright", "MIT 许可证")
        .set("FileVersion", version)
        .set("ProductVersion", version);
    if let Err(e) = res.compile() {
        // A release exe without its icon and version would look broken to users: fail loudly.
        panic!("cannot compile the Windows resources (icon, version information): {e}");
    }
}
