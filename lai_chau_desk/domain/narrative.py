"""Narrative sections written per report."""

from __future__ import annotations

SECTIONS: dict[str, str] = {
    "dac-diem": "Đặc điểm tình hình",
    "ket-qua": "Kết quả thực hiện",
    "ton-tai": "Tồn tại, hạn chế",
    "nguyen-nhan": "Nguyên nhân",
    "phuong-huong": "Phương hướng, nhiệm vụ",
    "de-xuat": "Đề xuất, kiến nghị",
}
SECTIONS_EN = {
    "dac-diem": "Situation",
    "ket-qua": "Results",
    "ton-tai": "Shortcomings",
    "nguyen-nhan": "Causes",
    "phuong-huong": "Directions and tasks",
    "de-xuat": "Proposals",
}
MAX_SECTION_CHARS = 50_000
